package org.tracknum.examples;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * A {@code redis-server} of the test's own, with {@code appendonly yes} and {@code appendfsync
 * always} (what the Redis store demands by default), on a free port and in a directory of the
 * test's; {@link #close()} stops it. Without {@code redis-server} the test is skipped loudly (fails on CI).
 */
final class DurableRedis implements AutoCloseable {
    private final Process process;
    private final int port;

    private DurableRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DurableRedis start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                    "--pidfile", dir.resolve("redis.pid").toString()))
                    .redirectErrorStream(true).redirectOutput(Files.createFile(dir.resolve("redis.log")).toFile())
                    .start();
        } catch (IOException e) {
            Services.unreachable("redis-server (not installed?)", e);
            throw e;
        }
        DurableRedis redis = new DurableRedis(process, port);
        redis.awaitPing();
        return redis;
    }

    private void awaitPing() throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try (RedisClient client = RedisClient.create(url())) {
                client.ping();
                return;
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("redis-server on port " + port + " did not answer", last);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
