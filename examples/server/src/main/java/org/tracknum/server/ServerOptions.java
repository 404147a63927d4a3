package org.tracknum.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Command line and {@code TRACKNUM_HTTP_*} settings of the server (not library keys). The command
 * line wins over the environment.
 */
record ServerOptions(String host, int port, int threads, Optional<Path> configFile, boolean help) {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar tracknum-server.jar [--host HOST] [--port N] [--threads N] [--config FILE]",
            "  --host HOST     address to listen on (default 127.0.0.1; env TRACKNUM_HTTP_HOST)",
            "  --port N        port to listen on, 0 for any free port (default 8000; env TRACKNUM_HTTP_PORT)",
            "  --threads N     request threads (default 64; env TRACKNUM_HTTP_THREADS)",
            "  --config FILE   tracknum.* properties file choosing the store (env TRACKNUM_CONFIG)",
            "Without tracknum.store anywhere, numbers are kept in an embedded H2 database under ./data.");

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8000;
    static final int DEFAULT_THREADS = 64;

    /** @throws IllegalArgumentException with a message for the user, for unknown or malformed options */
    static ServerOptions parse(String[] args, Map<String, String> environment) {
        String host = environment.getOrDefault("TRACKNUM_HTTP_HOST", DEFAULT_HOST);
        int port = number("TRACKNUM_HTTP_PORT", environment.get("TRACKNUM_HTTP_PORT"), DEFAULT_PORT, 0, 65_535);
        int threads = number("TRACKNUM_HTTP_THREADS", environment.get("TRACKNUM_HTTP_THREADS"), DEFAULT_THREADS,
                1, 4096);
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return new ServerOptions(host, port, threads, Optional.ofNullable(config), true);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--host":
                    host = value;
                    break;
                case "--port":
                    port = number(name, value, DEFAULT_PORT, 0, 65_535);
                    break;
                case "--threads":
                    threads = number(name, value, DEFAULT_THREADS, 1, 4096);
                    break;
                case "--config":
                    config = Path.of(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        return new ServerOptions(host.strip(), port, threads, Optional.ofNullable(config), false);
    }

    private static int number(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + raw + " is invalid: expected a whole number in ["
                + min + ", " + max + "]");
    }
}
