package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Fault runs with idempotency keys on a Redis this test owns ({@code appendonly yes},
 * {@code appendfsync always}): 8 threads issue keyed numbers, each key by two threads, each
 * retrying its key until it succeeds, while the server is killed with {@code kill -9} and
 * restarted, or has every connection killed again and again. Afterwards, on a fresh store:
 * every call of a key got the same number and issue time, the key names it, and every key has
 * exactly one stored number (counted over all values in the server).
 */
class RedisKeyedFaultTest {
    private static final int THREADS = 8;
    private static final String[] DURABLE = {"--appendonly", "yes", "--appendfsync", "always"};
    private static final String PREFIX = "tracknum:";

    @Test
    void killNineWhileKeyedCallersRetryLeavesOneNumberPerKey() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            int keys = run("kill -9", server, () -> {
                RedisServer.sleep(Duration.ofMillis(800));
                server.kill9();
                RedisServer.sleep(Duration.ofMillis(300));
                server.restart();
                RedisServer.sleep(Duration.ofMillis(800));
            });
            assertThat(keys).isPositive();
        }
    }

    @Test
    void clientKillStormWhileKeyedCallersRetryLeavesOneNumberPerKey() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            int keys = run("CLIENT KILL", server, () -> {
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
            assertThat(keys).isPositive();
        }
    }

    /** Runs the callers until {@code fault} is over, checks the result; returns the number of keys. */
    private static int run(String name, RedisServer server, Runnable fault) throws Exception {
        ConcurrentMap<Integer, ShipmentRequest> requests = new ConcurrentHashMap<>();
        ConcurrentMap<Integer, List<IssuedTrackingNumber>> results = new ConcurrentHashMap<>();
        AtomicInteger handedOut = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder gaveUp = new LongAdder();
        OutcomeCounter counter;
        try (RedisReservationStore store = RedisReservationStore.builder().url(server.url())
                .timeout(Duration.ofMillis(500)).build()) {
            counter = new OutcomeCounter(store);
            KeyedCaller caller = new KeyedCaller(counter, Duration.ofMillis(1500));
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> {
                    while (!stop.get()) {
                        int key = handedOut.getAndIncrement() / 2;
                        ShipmentRequest request = requests.computeIfAbsent(key, k -> TestRequests.unique());
                        IssuedTrackingNumber issued = untilItSucceeds(caller, request, "order-" + key, gaveUp, giveUpAt);
                        results.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(issued);
                    }
                    return null;
                });
            }
            tasks.add(() -> {
                try {
                    fault.run();
                } finally {
                    stop.set(true);
                }
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
            try {
                for (Future<Void> done : pool.invokeAll(tasks)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (RedisReservationStore checker = RedisReservationStore.builder().url(server.url()).build()) {
            for (Map.Entry<Integer, List<IssuedTrackingNumber>> key : results.entrySet()) {
                IssuedTrackingNumber first = key.getValue().get(0);
                assertThat(Set.copyOf(key.getValue())).as("key %d", key.getKey()).containsExactly(first);
                assertThat(first.request()).isEqualTo(requests.get(key.getKey()));
                assertThat(checker.findByIdempotencyKey(first.request().customerId(), "order-" + key.getKey()))
                        .contains(first);
                assertThat(checker.find(first.trackingNumber())).contains(first);
            }
        }
        Map<String, Integer> storedPerKey = storedNumbersPerKey(server);
        System.out.println("keyed fault run " + name + ": keys=" + results.size() + ", calls="
                + results.values().stream().mapToInt(List::size).sum() + ", retried after giving up=" + gaveUp.sum()
                + ", ambiguous outcomes=" + counter.count(Status.AMBIGUOUS) + ", " + counter);
        assertThat(storedPerKey.values()).as("stored numbers per key").containsOnly(1);
        assertThat(storedPerKey).as("keys with a stored number").hasSize(results.size());
        return results.size();
    }

    private static IssuedTrackingNumber untilItSucceeds(KeyedCaller caller, ShipmentRequest request, String key,
                                                        LongAdder gaveUp, long giveUpAt) {
        while (true) {
            try {
                return caller.issue(request, key);
            } catch (KeyedCaller.GaveUp e) {
                gaveUp.increment();
                if (System.nanoTime() > giveUpAt) {
                    throw new AssertionError("key " + key + " did not succeed within 90 s", e);
                }
            }
        }
    }

    /** Every number value of version 2 in the server, counted per (customer id, key). */
    private static Map<String, Integer> storedNumbersPerKey(RedisServer server) {
        Map<String, Integer> perKey = new HashMap<>();
        try (Jedis jedis = server.connect()) {
            for (String redisKey : jedis.keys(PREFIX + "*")) {
                if (redisKey.startsWith(PREFIX + IdempotencyClaim.MARK)) {
                    continue;
                }
                String value = jedis.get(redisKey);
                assertThat(value).as(redisKey).startsWith("2|");
                String[] fields = value.split("\\|", 12);
                assertThat(PREFIX + fields[9]).isEqualTo(redisKey);
                perKey.merge(fields[7] + ":" + fields[10], 1, Integer::sum);
            }
        }
        return perKey;
    }
}
