package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, environment and configuration file of the server jar, and how it fails to start. */
@Tag(ServerProcess.TAG)
class ServerCommandLineIT {
    @TempDir
    Path workDir;

    @Test
    void aConfigFileChoosesTheStore() throws Exception {
        Path config = Files.writeString(workDir.resolve("tracknum.properties"), "tracknum.store=memory\n");
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--config", config.toString())) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get("/health").json().get("store").asText()).isEqualTo("memory");
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);
            assertThat(server.output()).anyMatch(line -> line.contains("with store memory"));
            assertThat(server.terminate()).isEqualTo(143);
        }
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("TRACKNUM_STORE", "redis", "TRACKNUM_REDIS_URL", "redis://127.0.0.1:1");
        try (ServerProcess server = ServerProcess.start(workDir, environment, List.of("-Dtracknum.store=memory"))) {
            assertThat(new ApiClient(server).get("/health").json().get("store").asText()).isEqualTo("memory");
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    @Test
    void theEnvironmentChoosesPortAndStore() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> environment = Map.of("TRACKNUM_SERVER_PORT", String.valueOf(port),
                "TRACKNUM_STORE", "memory");
        try (ServerProcess server = ServerProcess.start(workDir, environment)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(new ApiClient(server).get("/health").json().get("store").asText()).isEqualTo("memory");
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    @Test
    void neverPrintsThePassword() throws Exception {
        String password = "pw-Z9q-never-printed";
        Map<String, String> environment = Map.of("TRACKNUM_JDBC_URL", "jdbc:h2:file:./data/guarded",
                "TRACKNUM_JDBC_USERNAME", "guard", "TRACKNUM_JDBC_PASSWORD", password);
        try (ServerProcess server = ServerProcess.start(workDir, environment)) {
            assertThat(new ApiClient(server).get(Shipments.unique().path()).status()).isEqualTo(201);
            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.output()).anyMatch(line -> line.contains("with store jdbc"));
            assertThat(server.output()).noneMatch(line -> line.contains(password));
        }
    }

    @Test
    void refusesToStartWithAnUnknownStoreNamingTheKey() throws Exception {
        ServerProcess.Exited exited = ServerProcess.runToExit(workDir, Map.of("TRACKNUM_STORE", "nosuch"), "--port", "0");
        assertThat(exited.code()).isEqualTo(1);
        assertThat(exited.output()).contains("tracknum.store");
    }

    @Test
    void refusesAnUnknownVariableNamingIt() throws Exception {
        ServerProcess.Exited exited = ServerProcess.runToExit(workDir, Map.of("TRACKNUM_JDBC_URLL", "x"), "--port", "0");
        assertThat(exited.code()).isEqualTo(1);
        assertThat(exited.output()).contains("TRACKNUM_JDBC_URLL");
        assertThat(exited.output()).contains("did you mean TRACKNUM_JDBC_URL (tracknum.jdbc.url)?");
    }

    @Test
    void ignoresKubernetesServiceLinksAndItsOwnVariables() throws Exception {
        Map<String, String> environment = Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_SERVICE_HOST", "10.0.0.1",
                "TRACKNUM_SERVICE_PORT", "8000", "TRACKNUM_PORT", "tcp://10.0.0.1:8000",
                "TRACKNUM_PORT_8000_TCP_ADDR", "10.0.0.1", "TRACKNUM_REDIS_PORT", "tcp://10.0.0.2:6379",
                "TRACKNUM_SERVER_THREADS", "4");
        try (ServerProcess server = ServerProcess.start(workDir, environment)) {
            assertThat(server.output()).anyMatch(line -> line.contains("with store memory"));
            assertThat(server.output()).anyMatch(line -> line.contains("4 workers"));
        }
    }

    @Test
    void refusesUnknownOptionsWithUsage() throws Exception {
        ServerProcess.Exited exited = ServerProcess.runToExit(workDir, Map.of(), "--prot", "8000");
        assertThat(exited.code()).isEqualTo(2);
        assertThat(exited.output()).contains("unknown option --prot").contains("usage:");
    }

    @Test
    void printsUsageOnHelp() throws Exception {
        ServerProcess.Exited exited = ServerProcess.runToExit(workDir, Map.of(), "--help");
        assertThat(exited.code()).isZero();
        assertThat(exited.output()).contains("usage:").contains("--port");
    }
}
