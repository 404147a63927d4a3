package org.tracknum.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three masters (no replicas) on free ports, created with
 * {@code redis-cli --cluster create}, each node with {@code appendonly yes}. Closing it stops
 * every node, also those already started when creation fails.
 */
final class RedisClusterFixture implements AutoCloseable {
    private final List<RedisServer> nodes = new ArrayList<>();

    static RedisClusterFixture start(int masters) {
        RedisClusterFixture cluster = new RedisClusterFixture();
        try {
            for (int i = 0; i < masters; i++) {
                cluster.nodes.add(RedisServer.start(true, "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                        "--appendonly", "yes", "--appendfsync", "everysec"));
            }
            cluster.create();
            cluster.awaitStateOk();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> command.add(n.address()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitStateOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (nodes.stream().allMatch(RedisClusterFixture::isOk)) {
                return;
            }
            RedisServer.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("cluster did not reach cluster_state:ok");
    }

    private static boolean isOk(RedisServer node) {
        try (Jedis jedis = node.connect()) {
            String info = jedis.clusterInfo();
            return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384")
                    && info.contains("cluster_known_nodes:3");
        }
    }

    List<RedisServer> nodes() {
        return nodes;
    }

    /** Seed list for {@code tracknum.redis.cluster}. */
    String seeds() {
        return nodes.stream().map(RedisServer::address).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
