package org.tracknum.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command line and {@code TRACKNUM_SERVER_*} settings of the server (not library keys): where it
 * listens and every bound of its HTTP layer. Each option's default and range are written once, in
 * {@link Option}'s table below; docs/server.md lists the same. The command line wins over the
 * environment.
 *
 * @param host            address to listen on
 * @param port            port, 0 for any free one
 * @param threads         worker threads that call the generator (and so the store)
 * @param queue           requests that may wait for a worker; beyond it a request gets 503 at once
 * @param maxConnections  open connections; beyond it new connections are closed at once
 * @param idleTimeout     a connection with no traffic for this long is closed
 * @param headerTimeout   the request line and headers must arrive within this time of their first byte
 * @param requestTimeout  from the end of the headers to the answer, body included (longer than the
 *                        generator's retry budget, so that the generator gives its own answer first)
 * @param stopTimeout     on SIGTERM, how long requests in flight may take to finish
 * @param maxHeaderBytes  request line plus headers, in bytes (414 or 431 beyond)
 * @param maxHeaders      number of header fields (431 beyond)
 * @param maxBodyBytes    request body of an endpoint that takes one (413 beyond)
 * @param maxBodyMemory   request bodies held at once, from their first byte to their answer, across
 *                        all connections ({@code 503 overloaded} beyond); at least {@code maxBodyBytes}
 * @param allowedHosts    {@code Host} names accepted besides the loopback ones; empty: loopback only
 *                        when bound to a loopback address, anything otherwise; {@code *}: anything
 * @param configFile      {@code tracknum.*} properties file
 * @param help            print usage and exit
 */
record ServerOptions(String host, int port, int threads, int queue, int maxConnections, Duration idleTimeout,
                     Duration headerTimeout, Duration requestTimeout, Duration stopTimeout, int maxHeaderBytes,
                     int maxHeaders, int maxBodyBytes, long maxBodyMemory, List<String> allowedHosts,
                     Optional<Path> configFile,
                     boolean help) {

    /** The server's own environment variables; the library ignores this prefix. */
    static final String ENV_PREFIX = "TRACKNUM_SERVER_";

    /** Every option: name, default, range and meaning, once. */
    enum Option {
        HOST("host", "HOST", "127.0.0.1", "address to listen on (0.0.0.0 for every interface)"),
        PORT("port", "N", "8000", "port to listen on, 0 for any free port"),
        THREADS("threads", "N", "64", "worker threads calling the generator; concurrent requests share its batches"),
        QUEUE("queue", "N", "1024", "requests waiting for a worker; beyond it 503 at once"),
        MAX_CONNECTIONS("max-connections", "N", "4096", "open connections; beyond it new ones are closed at once"),
        IDLE_TIMEOUT("idle-timeout", "DURATION", "30s", "a connection without traffic is closed after this"),
        HEADER_TIMEOUT("header-timeout", "DURATION", "5s",
                "request line and headers must arrive within this of their first byte, else the connection is closed"),
        REQUEST_TIMEOUT("request-timeout", "DURATION", "15s",
                "from the headers to the answer, body included (keep it above tracknum.retry.budget)"),
        STOP_TIMEOUT("stop-timeout", "DURATION", "30s", "on SIGTERM, time for requests in flight to finish"),
        MAX_HEADER_BYTES("max-header-bytes", "BYTES", "16384", "request line plus headers (414 / 431 beyond)"),
        MAX_HEADERS("max-headers", "N", "100", "header fields in a request (431 beyond)"),
        MAX_BODY_BYTES("max-body-bytes", "BYTES", "8388608",
                "body of an endpoint that takes one, e.g. a list of 10,000 shipments (413 beyond)"),
        MAX_BODY_MEMORY("max-body-memory", "BYTES", "",
                "request bodies held at once across connections, until answered (503 beyond; default 4 x "
                        + "max-body-bytes, at least max-body-bytes)"),
        ALLOWED_HOSTS("allowed-hosts", "LIST", "",
                "Host names accepted besides loopback ones (comma-separated; * for any; default: loopback names "
                        + "only when bound to loopback, any otherwise)"),
        CONFIG("config", "FILE", "", "tracknum.* properties file choosing the store (env TRACKNUM_CONFIG)");

        final String flag;
        final String metavar;
        final String defaultValue;
        final String meaning;

        Option(String flag, String metavar, String defaultValue, String meaning) {
            this.flag = flag;
            this.metavar = metavar;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }

        /** {@code max-body-bytes} → {@code TRACKNUM_SERVER_MAX_BODY_BYTES}; {@code --config} keeps the library's name. */
        String environmentName() {
            if (this == CONFIG) {
                return "TRACKNUM_CONFIG";
            }
            return ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final String USAGE = usage();

    private static String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("usage: java -jar tracknum-server.jar [--option VALUE | --option=VALUE]...");
        for (Option option : Option.values()) {
            String left = String.format(Locale.ROOT, "  --%s %s", option.flag, option.metavar);
            String defaultText = option.defaultValue.isEmpty() ? "" : " (default " + option.defaultValue + ")";
            String environment = option == Option.CONFIG ? "" : "; env " + option.environmentName();
            lines.add(String.format(Locale.ROOT, "%-30s %s%s%s", left, option.meaning, defaultText, environment));
        }
        lines.add("Durations: 500ms, 5s, 2m. Without tracknum.store anywhere, numbers are kept in an embedded H2 "
                + "database under ./data.");
        return String.join(System.lineSeparator(), lines);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /**
     * @throws IllegalArgumentException with a message for the user, for unknown, malformed or
     *                                  out-of-range options or {@code TRACKNUM_SERVER_*} variables
     */
    static ServerOptions parse(String[] args, Map<String, String> environment) {
        Map<Option, String> given = new LinkedHashMap<>();
        Map<Option, String> source = new LinkedHashMap<>();
        for (Option option : Option.values()) {
            String value = environment.get(option.environmentName());
            if (value != null && !value.isBlank()) {
                given.put(option, value.strip());
                source.put(option, option.environmentName());
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith(ENV_PREFIX) && find(option -> option.environmentName().equals(name)) == null) {
                throw new IllegalArgumentException("unknown variable " + name + suggestion(name.substring(
                        ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-')));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return defaults(true);
            }
            Option option = name.startsWith("--") ? find(o -> o.flag.equals(name.substring(2))) : null;
            if (option == null) {
                throw new IllegalArgumentException("unknown option " + name
                        + (name.startsWith("--") ? suggestion(name.substring(2)) : ""));
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            given.put(option, value.strip());
            source.put(option, name);
        }
        Function<Option, String> raw = option -> given.getOrDefault(option, option.defaultValue);
        Function<Option, String> where = option -> source.getOrDefault(option, "--" + option.flag);

        String host = raw.apply(Option.HOST);
        if (host.isBlank()) {
            throw new IllegalArgumentException(where.apply(Option.HOST) + " must not be empty");
        }
        int port = number(where.apply(Option.PORT), raw.apply(Option.PORT), 0, 65_535);
        int threads = number(where.apply(Option.THREADS), raw.apply(Option.THREADS), 1, 4096);
        int queue = number(where.apply(Option.QUEUE), raw.apply(Option.QUEUE), 0, 1_000_000);
        int maxConnections = number(where.apply(Option.MAX_CONNECTIONS), raw.apply(Option.MAX_CONNECTIONS), 1,
                1_000_000);
        Duration idle = duration(where.apply(Option.IDLE_TIMEOUT), raw.apply(Option.IDLE_TIMEOUT),
                Duration.ofSeconds(1), Duration.ofHours(1));
        Duration header = duration(where.apply(Option.HEADER_TIMEOUT), raw.apply(Option.HEADER_TIMEOUT),
                Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration request = duration(where.apply(Option.REQUEST_TIMEOUT), raw.apply(Option.REQUEST_TIMEOUT),
                Duration.ofMillis(100), Duration.ofHours(1));
        Duration stop = duration(where.apply(Option.STOP_TIMEOUT), raw.apply(Option.STOP_TIMEOUT), Duration.ZERO,
                Duration.ofHours(1));
        int maxHeaderBytes = number(where.apply(Option.MAX_HEADER_BYTES), raw.apply(Option.MAX_HEADER_BYTES), 1024,
                1 << 20);
        int maxHeaders = number(where.apply(Option.MAX_HEADERS), raw.apply(Option.MAX_HEADERS), 8, 10_000);
        int maxBody = number(where.apply(Option.MAX_BODY_BYTES), raw.apply(Option.MAX_BODY_BYTES), 0, 1 << 30);
        String memoryText = raw.apply(Option.MAX_BODY_MEMORY);
        long maxBodyMemory = memoryText.isEmpty() ? 4L * maxBody
                : wholeNumber(where.apply(Option.MAX_BODY_MEMORY), memoryText, maxBody, 1L << 34);
        List<String> allowedHosts = hosts(raw.apply(Option.ALLOWED_HOSTS));
        String config = raw.apply(Option.CONFIG);
        return new ServerOptions(host.strip(), port, threads, queue, maxConnections, idle, header, request, stop,
                maxHeaderBytes, maxHeaders, maxBody, maxBodyMemory, allowedHosts,
                config.isEmpty() ? Optional.empty() : Optional.of(Path.of(config)), false);
    }

    /** Every option at its default. */
    static ServerOptions defaults() {
        return defaults(false);
    }

    private static ServerOptions defaults(boolean help) {
        ServerOptions parsed = parse(new String[0], Map.of());
        return help ? new ServerOptions(parsed.host, parsed.port, parsed.threads, parsed.queue, parsed.maxConnections,
                parsed.idleTimeout, parsed.headerTimeout, parsed.requestTimeout, parsed.stopTimeout,
                parsed.maxHeaderBytes, parsed.maxHeaders, parsed.maxBodyBytes, parsed.maxBodyMemory, parsed.allowedHosts,
                parsed.configFile,
                true) : parsed;
    }

    /** The same options listening on {@code port} (tests, and {@code --port 0} resolution). */
    ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, threads, queue, maxConnections, idleTimeout, headerTimeout,
                requestTimeout, stopTimeout, maxHeaderBytes, maxHeaders, maxBodyBytes, maxBodyMemory, allowedHosts, configFile,
                help);
    }

    /** The same options with another host and worker count (tests). */
    ServerOptions withHostAndThreads(String newHost, int newThreads) {
        return new ServerOptions(newHost, port, newThreads, queue, maxConnections, idleTimeout, headerTimeout,
                requestTimeout, stopTimeout, maxHeaderBytes, maxHeaders, maxBodyBytes, maxBodyMemory, allowedHosts, configFile,
                help);
    }

    private static Option find(java.util.function.Predicate<Option> test) {
        for (Option option : Option.values()) {
            if (test.test(option)) {
                return option;
            }
        }
        return null;
    }

    /** "; did you mean --port?" when a flag is one or two edits away from a known one. */
    private static String suggestion(String flag) {
        Option best = null;
        int bestDistance = 3;
        for (Option option : Option.values()) {
            int distance = editDistance(flag, option.flag);
            if (distance < bestDistance) {
                best = option;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean --" + best.flag + " / " + best.environmentName() + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int number(String name, String raw, int min, int max) {
        return (int) wholeNumber(name, raw, min, max);
    }

    private static long wholeNumber(String name, String raw, long min, long max) {
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + raw + " is invalid: expected a whole number in ["
                + min + ", " + max + "]");
    }

    private static Duration duration(String name, String raw, Duration min, Duration max) {
        Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration value = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException(name + "=" + raw + " is invalid: expected a duration such as 500ms, 5s "
                + "or 2m, from " + text(min) + " to " + text(max));
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
    }

    private static List<String> hosts(String raw) {
        List<String> hosts = new ArrayList<>();
        for (String part : raw.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                hosts.add(name);
            }
        }
        return List.copyOf(hosts);
    }
}
