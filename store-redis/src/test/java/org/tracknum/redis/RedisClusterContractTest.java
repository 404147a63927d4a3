package org.tracknum.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreContract;

/**
 * The store contract on a Redis Cluster of three masters that this test starts (and stops) itself,
 * with the default strict durability check passing on every master ({@code appendonly yes}).
 */
class RedisClusterContractTest extends ReservationStoreContract {
    private static RedisClusterFixture cluster;
    private static int stores;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterFixture.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected ReservationStore newStore() {
        return RedisReservationStore.builder()
                .cluster(cluster.seeds())
                .keyPrefix("contract-" + (++stores) + ":")
                .build();
    }

    @Override
    protected int numbersPerThread() {
        return 10_000;
    }
}
