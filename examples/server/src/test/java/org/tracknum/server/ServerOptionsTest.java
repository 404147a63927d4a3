package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    void commandLineWinsOverEnvironment() {
        Map<String, String> env = Map.of("TRACKNUM_HTTP_PORT", "9000", "TRACKNUM_HTTP_HOST", "0.0.0.0",
                "TRACKNUM_HTTP_THREADS", "8");
        assertThat(ServerOptions.parse(new String[0], env))
                .isEqualTo(new ServerOptions("0.0.0.0", 9000, 8, java.util.Optional.empty(), false));
        ServerOptions options = ServerOptions.parse(new String[] {"--port=9100", "--host", "::1", "--config", "a.properties"},
                env);
        assertThat(options.port()).isEqualTo(9100);
        assertThat(options.host()).isEqualTo("::1");
        assertThat(options.configFile()).contains(Path.of("a.properties"));
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port=70000");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("TRACKNUM_HTTP_PORT", "http")))
                .hasMessageContaining("TRACKNUM_HTTP_PORT=http");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--verbose", "x"}, Map.of()))
                .hasMessageContaining("unknown option --verbose");
    }

    @Test
    void recognisesHelp() {
        assertThat(ServerOptions.parse(new String[] {"-h"}, Map.of()).help()).isTrue();
    }
}
