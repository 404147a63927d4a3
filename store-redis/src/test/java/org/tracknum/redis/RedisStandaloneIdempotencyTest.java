package org.tracknum.redis;

import org.junit.jupiter.api.BeforeAll;
import org.tracknum.Durability;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The idempotency-key cases on the shared local Redis, each test under its own key prefix. */
class RedisStandaloneIdempotencyTest extends RedisIdempotencyCases {

    @BeforeAll
    static void requireLocalRedis() {
        LocalRedis.requireReachable();
    }

    @Override
    protected RedisReservationStore newStore(String prefix) {
        return RedisReservationStore.builder().url(LocalRedis.URL).keyPrefix(prefix)
                .durability(Durability.RELAXED).build();
    }

    @Override
    protected UnifiedJedis newDirectClient() {
        return RedisClient.create(LocalRedis.URL);
    }

    @Override
    protected void deleteKeys(String prefix) {
        LocalRedis.deleteKeys(prefix);
    }
}
