package org.tracknum.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tracknum.redis.RedisReservationStore;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link RedisStoreBenchmark} on the Redis Cluster at {@code TRACKNUM_TEST_REDIS_CLUSTER} (the one
 * {@code benchmarks/run.sh} starts has three masters with {@code appendfsync everysec}), with the
 * store's strict durability check.
 */
public class RedisClusterBenchmark extends RedisStoreBenchmark {
    @Override
    protected RedisReservationStore.Builder storeBuilder() {
        return RedisReservationStore.builder().cluster(Services.redisCluster());
    }

    @Override
    protected UnifiedJedis baselineClient(ConnectionPoolConfig pool) {
        return RedisClusterClient.builder().nodes(seeds()).poolConfig(pool).build();
    }

    @Override
    protected void deleteKeys(UnifiedJedis client, String prefix) {
        for (String node : ((RedisClusterClient) client).getClusterNodes().keySet()) {
            RedisKeys.deleteUnder(HostAndPort.from(node), prefix);
        }
    }

    @Override
    protected ServerProcess serverProcess(UnifiedJedis client) {
        List<Jedis> nodes = new ArrayList<>();
        try {
            for (String node : ((RedisClusterClient) client).getClusterNodes().keySet()) {
                nodes.add(new Jedis(HostAndPort.from(node)));
            }
            return ServerProcess.redis(nodes);
        } finally {
            nodes.forEach(Jedis::close);
        }
    }

    private static Set<HostAndPort> seeds() {
        Set<HostAndPort> seeds = new LinkedHashSet<>();
        for (String node : Services.redisCluster().split(",")) {
            seeds.add(HostAndPort.from(node.strip()));
        }
        return seeds;
    }

    @Override
    protected String service() {
        return "Redis Cluster";
    }

    @Override
    protected String variable() {
        return Services.REDIS_CLUSTER;
    }

    @Override
    protected String address() {
        String nodes = System.getenv(Services.REDIS_CLUSTER);
        return nodes == null ? "(not set)" : nodes;
    }
}
