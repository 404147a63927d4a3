package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsToLoopbackPort8000() {
        ServerOptions options = ServerOptions.parse(new String[0], Map.of());
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8000);
        assertThat(options.threads()).isEqualTo(64);
        assertThat(options.configFile()).isEmpty();
    }

    @Test
    void documentsEveryBoundWithItsDefault() {
        ServerOptions options = ServerOptions.defaults();
        assertThat(options.queue()).isEqualTo(1024);
        assertThat(options.maxConnections()).isEqualTo(4096);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(15))
                .as("longer than the library's default retry budget").isGreaterThan(Duration.ofSeconds(10));
        assertThat(options.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxHeaderBytes()).isEqualTo(16_384);
        assertThat(options.maxHeaders()).isEqualTo(100);
        assertThat(options.maxBodyBytes()).isEqualTo(8 << 20);
        assertThat(options.maxBodyMemory()).as("four bodies of the largest size").isEqualTo(32L << 20);
        assertThat(options.allowedHosts()).isEmpty();
        for (ServerOptions.Option option : ServerOptions.Option.values()) {
            assertThat(ServerOptions.USAGE).contains("--" + option.flag);
            if (option != ServerOptions.Option.CONFIG) {
                assertThat(option.environmentName()).startsWith(ServerOptions.ENV_PREFIX);
                assertThat(ServerOptions.USAGE).contains(option.environmentName());
            }
        }
    }

    @Test
    void commandLineWinsOverEnvironment() {
        Map<String, String> env = Map.of("TRACKNUM_SERVER_PORT", "9000", "TRACKNUM_SERVER_HOST", "0.0.0.0",
                "TRACKNUM_SERVER_THREADS", "8");
        assertThat(ServerOptions.parse(new String[0], env))
                .isEqualTo(ServerOptions.defaults().withPort(9000).withHostAndThreads("0.0.0.0", 8));
        ServerOptions options = ServerOptions.parse(new String[] {"--port=9100", "--host", "::1", "--config", "a.properties"},
                env);
        assertThat(options.port()).isEqualTo(9100);
        assertThat(options.host()).isEqualTo("::1");
        assertThat(options.configFile()).contains(Path.of("a.properties"));
    }

    @Test
    void readsBoundsFromFlagsAndVariables() {
        ServerOptions options = ServerOptions.parse(new String[] {"--header-timeout", "750ms", "--max-connections=10",
            "--allowed-hosts", "api.example.com, Tracknum.Internal"},
                Map.of("TRACKNUM_SERVER_IDLE_TIMEOUT", "2m", "TRACKNUM_SERVER_MAX_BODY_BYTES", "1000"));
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(options.maxConnections()).isEqualTo(10);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.maxBodyBytes()).isEqualTo(1000);
        assertThat(options.allowedHosts()).containsExactly("api.example.com", "tracknum.internal");
    }

    @Test
    void bodyMemoryFollowsTheBodyCapUnlessSetAndHoldsAtLeastOneBody() {
        assertThat(ServerOptions.parse(new String[] {"--max-body-bytes", "1000"}, Map.of()).maxBodyMemory())
                .isEqualTo(4000);
        assertThat(ServerOptions.parse(new String[] {"--max-body-bytes", "1000", "--max-body-memory", "1000"},
                Map.of()).maxBodyMemory()).isEqualTo(1000);
        assertThat(ServerOptions.parse(new String[0], Map.of("TRACKNUM_SERVER_MAX_BODY_MEMORY", "1073741824"))
                .maxBodyMemory()).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--max-body-bytes", "1000", "--max-body-memory",
            "999"}, Map.of())).hasMessageContaining("--max-body-memory=999").hasMessageContaining("[1000, ");
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port=70000");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("TRACKNUM_SERVER_PORT", "http")))
                .hasMessageContaining("TRACKNUM_SERVER_PORT=http");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--verbose", "x"}, Map.of()))
                .hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--idle-timeout", "30"}, Map.of()))
                .hasMessageContaining("--idle-timeout=30").hasMessageContaining("500ms, 5s or 2m");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--header-timeout", "10m"}, Map.of()))
                .hasMessageContaining("--header-timeout=10m").hasMessageContaining("to 300s");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--max-conections", "5"}, Map.of()))
                .hasMessageContaining("did you mean --max-connections");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("TRACKNUM_SERVER_THREAD", "5")))
                .hasMessageContaining("unknown variable TRACKNUM_SERVER_THREAD")
                .hasMessageContaining("TRACKNUM_SERVER_THREADS");
    }

    @Test
    void ignoresVariablesOutsideItsPrefix() {
        assertThat(ServerOptions.parse(new String[0], Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_HTTP_PORT", "1")))
                .isEqualTo(ServerOptions.defaults());
        assertThat(ServerOptions.parse(new String[0], Map.of("TRACKNUM_CONFIG", "x.properties")).configFile())
                .contains(Path.of("x.properties"));
        assertThat(List.of(ServerOptions.Option.values())).hasSize(15);
    }

    @Test
    void recognisesHelp() {
        assertThat(ServerOptions.parse(new String[] {"-h"}, Map.of()).help()).isTrue();
    }
}
