package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's answers when its store fails: an H2 database served over TCP by this test, which
 * the test stops (the store is unreachable: 503 with Retry-After, health DOWN, then recovery) or
 * breaks (its table dropped: 500 with a fixed body, the cause in the server's log without the
 * request's data).
 */
class ServerFailureIT {
    private static final String CUSTOMER_NAME = "Confidential Freight 4711";

    @TempDir
    Path workDir;
    private Server database;
    private int databasePort;

    @BeforeEach
    void startDatabase() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            databasePort = probe.getLocalPort();
        }
        database = startTcpServer();
    }

    private Server startTcpServer() throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-baseDir",
                workDir.resolve("h2").toString(), "-ifNotExists").start();
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    private Map<String, String> environment() {
        // A short retry budget makes the 503 quick; connecting keeps its default bound (3 s), which a
        // loaded machine needs to open a connection to the database at start.
        return Map.of("TRACKNUM_STORE", "jdbc",
                "TRACKNUM_JDBC_URL", databaseUrl(),
                "TRACKNUM_RETRY_BUDGET", "1s");
    }

    private String databaseUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/tracknum";
    }

    @Test
    void answers503WithRetryAfterWhileTheStoreIsUnreachableAndRecovers() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment())) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);

            database.stop();
            ApiClient.Answer unavailable = api.get(Shipments.unique().path());
            assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
            assertThat(unavailable.header("Retry-After")).isEqualTo("1");
            assertThat(unavailable.json().get("detail").asText()).contains("unavailable");
            ApiClient.Answer health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");

            database = startTcpServer();
            ApiClient.Answer recovered = api.get(Shipments.unique().path());
            for (int attempt = 0; recovered.status() == 503 && attempt < 30; attempt++) {
                Thread.sleep(1_000); // the pool replaces its broken connections
                recovered = api.get(Shipments.unique().path());
            }
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(201);
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    @Test
    void answers500WithoutInternalsWhenTheStoreRefusesForGood() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment())) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);
            try (Connection c = DriverManager.getConnection(databaseUrl());
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE tracknum_numbers");
            }

            ApiClient.Answer failed = api.get(Shipments.unique().with("customer_name", CUSTOMER_NAME).path());

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"detail\":\"Internal server error.\"}");
            assertThat(failed.header("Content-Type")).isEqualTo(ApiClient.JSON_TYPE);
            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.output()).anyMatch(line -> line.contains("internal error"));
            assertThat(server.output()).noneMatch(line -> line.contains(CUSTOMER_NAME));
        }
    }
}
