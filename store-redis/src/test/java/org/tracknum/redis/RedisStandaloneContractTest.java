package org.tracknum.redis;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.tracknum.Durability;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.ForeignRecord;
import org.tracknum.testkit.IdempotencyContract;
import redis.clients.jedis.RedisClient;

/**
 * The store contract with its idempotency-key cases (the store keeps keys) on the shared local
 * Redis ({@code TRACKNUM_TEST_REDIS_URL}), which keeps nothing across restarts: hence relaxed
 * durability. Each store gets its own key prefix, whose keys (numbers and claims) are deleted
 * afterwards.
 */
class RedisStandaloneContractTest extends IdempotencyContract {
    private final List<String> prefixes = new ArrayList<>();

    @BeforeAll
    static void requireLocalRedis() {
        LocalRedis.requireReachable();
    }

    @Override
    protected ReservationStore newStore() {
        String prefix = LocalRedis.uniquePrefix("contract");
        prefixes.add(prefix);
        return RedisReservationStore.builder()
                .url(LocalRedis.URL)
                .keyPrefix(prefix)
                .durability(Durability.RELAXED)
                .build();
    }

    /** Every kind is a raw string value, SET under the store's prefix with a client of its own. */
    @Override
    protected boolean plantForeignRecord(String number, ForeignRecord kind) {
        try (RedisClient client = RedisClient.create(LocalRedis.URL)) {
            client.set(prefixes.get(prefixes.size() - 1) + number, ForeignValues.of(kind));
        }
        return true;
    }

    @Override
    protected int numbersPerThread() {
        return 25_000;
    }

    @Override
    protected void cleanUp() {
        prefixes.forEach(LocalRedis::deleteKeys);
        prefixes.clear();
    }
}
