package org.tracknum.benchmarks;

import org.tracknum.Durability;
import org.tracknum.redis.RedisReservationStore;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link RedisStoreBenchmark} on the standalone Redis at {@code TRACKNUM_TEST_REDIS_URL}. The local
 * service keeps nothing ({@code appendonly no}), so the store runs with relaxed durability here:
 * these figures are for a Redis that persists nothing.
 */
public class RedisBenchmark extends RedisStoreBenchmark {
    @Override
    protected RedisReservationStore.Builder storeBuilder() {
        return RedisReservationStore.builder().url(Services.redisUrl())
                .durability(Durability.RELAXED);
    }

    @Override
    protected UnifiedJedis baselineClient(ConnectionPoolConfig pool) {
        return RedisClient.builder().fromURI(Services.redisUrl()).poolConfig(pool).build();
    }

    @Override
    protected void deleteKeys(UnifiedJedis client, String prefix) {
        try (Jedis jedis = new Jedis(java.net.URI.create(Services.redisUrl()))) {
            RedisKeys.deleteUnder(jedis, prefix);
        }
    }

    @Override
    protected ServerProcess serverProcess(UnifiedJedis client) {
        try (Jedis jedis = new Jedis(java.net.URI.create(Services.redisUrl()))) {
            return ServerProcess.redis(java.util.List.of(jedis));
        }
    }

    @Override
    protected String service() {
        return "Redis";
    }

    @Override
    protected String variable() {
        return Services.REDIS;
    }

    @Override
    protected String address() {
        return Services.redisUrl();
    }
}
