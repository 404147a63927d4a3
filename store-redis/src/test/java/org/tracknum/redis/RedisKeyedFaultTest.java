package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tracknum.IdempotencyKeyInFlightException;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.testkit.KeyedHistory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Fault runs with idempotency keys on a Redis this test owns ({@code appendonly yes},
 * {@code appendfsync always}): two generators, each on a store of its own (as two processes
 * would be), 4 threads each; every key is requested by one thread of each generator, and each
 * thread retries its key until a call succeeds ({@link KeyedHistory#issueUntilSuccess}), while
 * the server is killed with {@code kill -9} and restarted, or has every connection killed again
 * and again. Afterwards, on a fresh store, the kit's {@link KeyedHistory} check (every call of a
 * key got the same number and issue time, the key names it, exactly one of the numbers tried for
 * the key is stored) and, independently of the kit, a scan of every value in the server: one
 * stored number per key.
 */
class RedisKeyedFaultTest {
    private static final int THREADS = 8;
    private static final String[] DURABLE = {"--appendonly", "yes", "--appendfsync", "always"};
    private static final String PREFIX = "tracknum:";
    private static final RetryPolicy BUDGET = RetryPolicy.builder().budget(Duration.ofMillis(1500)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void killNineWhileKeyedCallersRetryLeavesOneNumberPerKey() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            KeyedHistory.Summary summary = run("kill -9", server, () -> {
                RedisServer.sleep(Duration.ofMillis(800));
                server.kill9();
                RedisServer.sleep(Duration.ofMillis(300));
                server.restart();
                RedisServer.sleep(Duration.ofMillis(800));
            });
            assertThat(summary.settled()).isPositive();
        }
    }

    @Test
    void clientKillStormWhileKeyedCallersRetryLeavesOneNumberPerKey() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            KeyedHistory.Summary summary = run("CLIENT KILL", server, () -> {
                try (Jedis killer = server.connect()) {
                    ClientKillParams everyoneElse = ClientKillParams.clientKillParams()
                            .type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES);
                    long end = System.nanoTime() + Duration.ofMillis(2000).toNanos();
                    while (System.nanoTime() < end) {
                        killer.clientKill(everyoneElse);
                        RedisServer.sleep(Duration.ofMillis(15));
                    }
                }
                RedisServer.sleep(Duration.ofMillis(300));
            });
            assertThat(summary.settled()).isPositive();
        }
    }

    private static RedisReservationStore storeOn(RedisServer server) {
        return RedisReservationStore.builder().url(server.url()).timeout(Duration.ofMillis(500)).build();
    }

    /** Runs the callers until {@code fault} is over, then both checks; returns the kit's figures. */
    private static KeyedHistory.Summary run(String name, RedisServer server, Runnable fault) throws Exception {
        KeyedHistory history = new KeyedHistory(null,
                Set.of(StoreUnavailableException.class, IdempotencyKeyInFlightException.class));
        AtomicBoolean stop = new AtomicBoolean();
        OutcomeCounter countedOne;
        OutcomeCounter countedTwo;
        try (RedisReservationStore storeOne = storeOn(server); RedisReservationStore storeTwo = storeOn(server)) {
            countedOne = new OutcomeCounter(storeOne);
            countedTwo = new OutcomeCounter(storeTwo);
            try (TrackingNumberGenerator one = TrackingNumberGenerator.builder().store(countedOne).retryPolicy(BUDGET)
                    .candidateSource(history.candidates()).build();
                 TrackingNumberGenerator two = TrackingNumberGenerator.builder().store(countedTwo).retryPolicy(BUDGET)
                         .candidateSource(history.candidates()).build()) {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    // threads 2p and 2p + 1 walk the same keys, on different generators
                    int firstKey = (t / 2) * 1_000_000;
                    TrackingNumberGenerator generator = t % 2 == 0 ? one : two;
                    tasks.add(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            KeyedHistory.Key key = history.key(firstKey + i);
                            assertThat(history.issueUntilSuccess(generator, key, Duration.ofMillis(10), PATIENCE))
                                    .as("key %s within %s", key.key(), PATIENCE).isPresent();
                        }
                        return null;
                    });
                }
                FaultRuns.callersDuring(tasks, fault, stop);
            }
        }
        KeyedHistory.Summary summary;
        try (RedisReservationStore checker = RedisReservationStore.builder().url(server.url()).build()) {
            summary = history.check(checker);
        }
        Map<String, Integer> storedPerKey = storedNumbersPerKey(server);
        System.out.println("keyed fault run " + name + ": " + summary + ", ambiguous outcomes="
                + (countedOne.count(Status.AMBIGUOUS) + countedTwo.count(Status.AMBIGUOUS)) + "; generator one "
                + countedOne + "; generator two " + countedTwo);
        assertThat(summary.settled()).as("every key used was settled").isEqualTo(summary.keys());
        assertThat(storedPerKey.values()).as("stored numbers per key").containsOnly(1);
        assertThat(storedPerKey).as("keys with a stored number").hasSize(summary.settled());
        return summary;
    }

    /** Every number value in the server (all of version 2: every call had a key), counted per (customer id, key). */
    private static Map<String, Integer> storedNumbersPerKey(RedisServer server) {
        Map<String, Integer> perKey = new HashMap<>();
        try (Jedis jedis = server.connect()) {
            for (String redisKey : jedis.keys(PREFIX + "*")) {
                if (redisKey.startsWith(PREFIX + IdempotencyClaim.MARK)) {
                    continue;
                }
                String value = jedis.get(redisKey);
                assertThat(value).as(redisKey).startsWith(StoredValue.KEYED_VERSION + "|");
                String[] fields = value.split("\\|", 12);
                assertThat(PREFIX + fields[9]).isEqualTo(redisKey);
                perKey.merge(fields[7] + ":" + fields[10], 1, Integer::sum);
            }
        }
        return perKey;
    }
}
