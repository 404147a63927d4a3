package org.tracknum.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tracknum.ci.TestServices;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A {@code redis-server} this test owns: a free port (and, for Cluster nodes, a free bus port at
 * port + 10000), its own temporary directory with a pid file, started in the foreground so that
 * the test holds the process. {@link #kill9()}, {@link #pause()}, {@link #resume()} and
 * {@link #restart()} inject faults; {@link #close()} kills the process and removes the directory.
 * A shutdown hook stops whatever a crashed test left running.
 */
final class RedisServer implements AutoCloseable {
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::close)));
    }

    private final Path dir;
    private final int port;
    private final List<String> options;
    private final String configFile;
    private Process process;

    private RedisServer(Path dir, int port, List<String> options, String configFile) {
        this.dir = dir;
        this.port = port;
        this.options = options;
        this.configFile = configFile;
    }

    /** Starts a server with {@code options} (e.g. {@code "--appendonly", "yes"}) on a free port. */
    static RedisServer start(String... options) {
        return start(false, options);
    }

    /** @param clusterBus also reserve port + 10000 for the Cluster bus */
    static RedisServer start(boolean clusterBus, String... options) {
        return launchWithRetries(clusterBus, null, options);
    }

    /** A Sentinel monitoring the master on {@code masterPort} as {@code mymaster}, with a quorum of 1. */
    static RedisServer startSentinel(int masterPort) {
        return startSentinel(masterPort, Duration.ofSeconds(5));
    }

    /** The same, declaring the master down after {@code downAfter} without an answer (and failing over then). */
    static RedisServer startSentinel(int masterPort, Duration downAfter) {
        return launchWithRetries(false, "sentinel monitor mymaster 127.0.0.1 " + masterPort + " 1\n"
                + "sentinel down-after-milliseconds mymaster " + downAfter.toMillis() + "\n"
                + "sentinel failover-timeout mymaster 10000\n", "--sentinel");
    }

    private static RedisServer launchWithRetries(boolean clusterBus, String config, String... options) {
        requireRedisServer();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Path dir = tempDir();
            String configFile = config == null ? null : writeConfig(dir, config);
            RedisServer server = new RedisServer(dir, freePort(clusterBus), List.of(options), configFile);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    private static void requireRedisServer() {
        boolean present = Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, "redis-server")));
        if (!present) {
            TestServices.unavailable("redis-server is not installed: tests that start their own Redis cannot run", null);
        }
    }

    private static String writeConfig(Path dir, String config) {
        try {
            return Files.writeString(dir.resolve("redis.conf"), config).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        launch(true);
    }

    private void launch(boolean awaitReady) {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        if (configFile != null) {
            command.add(configFile);
        }
        command.addAll(List.of("--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--save", "",
                "--pidfile", dir.resolve("redis.pid").toString(), "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RUNNING.add(this);
        if (awaitReady) {
            awaitReady();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            try (Jedis jedis = connect()) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("NOAUTH")) {
                    return; // up, and asking for a password
                }
            } catch (RuntimeException e) {
                // not ready yet (connection refused, or LOADING)
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + log());
    }

    /** A plain connection for test set-up and fault injection. */
    Jedis connect() {
        return new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).autoNegotiateProtocol(false).build());
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            Path log = dir.resolve("redis.log");
            String text = Files.exists(log) ? Files.readString(log) : "";
            text += Files.exists(dir.resolve("stdout.log")) ? Files.readString(dir.resolve("stdout.log")) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** {@code kill -9}: no chance to flush anything that was not already written. */
    void kill9() {
        signal("-9");
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code SIGSTOP}: the server keeps its connections but answers nothing. */
    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    /** Starts a new process on the same port and directory (after {@link #kill9()}). */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        launch();
    }

    /** Like {@link #restart()}, but returns at once: the server may still refuse connections or be LOADING. */
    void restartWithoutWaiting() {
        if (process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        launch(false);
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        if (process != null && process.isAlive()) {
            process.destroyForcibly(); // SIGKILL, which also ends a stopped process
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(dir);
    }

    static int freePort(boolean withBus) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!withBus || (port + 10000 <= 65535 && isFree(port + 10000))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair (port, port+10000) found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tracknum-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp directory
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
