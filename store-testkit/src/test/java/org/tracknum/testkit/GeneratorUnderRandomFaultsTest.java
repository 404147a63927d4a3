package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tracknum.MemoryReservationStore;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;

/**
 * The generator's ownership rules (invariants 3 and 4) under random injected store failures, proven
 * with {@link History}: no number returned twice, none lost. Moved here from core's
 * {@code GeneratorFaultTest}, whose deterministic fault tests stay in core (core cannot depend on the kit).
 */
class GeneratorUnderRandomFaultsTest {
    private final FaultyStore store = new FaultyStore();

    @Test
    void randomFaultsNeverDuplicateOrLoseANumber() throws Exception {
        long seed = System.nanoTime();
        System.out.println("GeneratorUnderRandomFaultsTest seed=" + seed);
        FaultyStore.Fault[] faults = FaultyStore.Fault.values();
        AtomicLong threads = new AtomicLong();
        ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(() -> new SplittableRandom(seed + threads.incrementAndGet()));
        store.reserveFaults = r -> {
            SplittableRandom rnd = random.get();
            if (rnd.nextInt(100) >= 10) {
                return FaultyStore.Fault.NONE;
            }
            FaultyStore.Fault f = faults[rnd.nextInt(faults.length)];
            return f == FaultyStore.Fault.FATAL || f == FaultyStore.Fault.THROW_WRITTEN ? FaultyStore.Fault.AMBIGUOUS_LOST : f;
        };
        store.verifyFaults = r -> random.get().nextInt(100) < 20 ? FaultyStore.Fault.TRANSIENT : FaultyStore.Fault.NONE;
        History history = new History(null, Set.of(StoreUnavailableException.class));
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(store)
                .retryPolicy(RetryPolicy.builder().budget(Duration.ofMillis(300)).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).build())
                .candidateSource(history.candidates())
                .listener(history.listener())
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> workers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    workers.add(() -> {
                        for (int i = 0; i < 3_000; i++) {
                            history.issue(generator);
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        History.Summary summary = history.check(store.memory);
        System.out.println("GeneratorUnderRandomFaultsTest seed=" + seed + ": " + summary);
        assertThat(summary.calls()).isEqualTo(24_000);
        assertThat(summary.ambiguousBurned()).isPositive();
        assertThat(summary.retries()).isPositive();
    }

    @Test
    void randomFaultsNeverGiveAKeyASecondNumberWhenCallersRetryUntilSuccess() throws Exception {
        long seed = System.nanoTime();
        System.out.println("GeneratorUnderRandomFaultsTest keyed seed=" + seed);
        AtomicLong threads = new AtomicLong();
        ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(() -> new SplittableRandom(seed + threads.incrementAndGet()));
        FaultyStore.Fault[] injected = {FaultyStore.Fault.TRANSIENT, FaultyStore.Fault.AMBIGUOUS_WRITTEN, FaultyStore.Fault.AMBIGUOUS_LOST};
        // Besides the random faults, one key in 25 meets an outage of 40 ms from its first write,
        // longer than the 10 ms budget: its first calls fail, and its callers' retries are exercised.
        java.util.concurrent.ConcurrentHashMap<String, Long> outageStart = new java.util.concurrent.ConcurrentHashMap<>();
        long outageNanos = Duration.ofMillis(40).toNanos();
        store.reserveFaults = r -> {
            if (r.idempotencyKey() != null && Math.floorMod(r.idempotencyKey().hashCode(), 25) == 0) {
                long first = outageStart.computeIfAbsent(r.idempotencyKey(), k -> System.nanoTime());
                if (System.nanoTime() - first < outageNanos) {
                    return FaultyStore.Fault.TRANSIENT;
                }
            }
            return random.get().nextInt(100) < 15 ? injected[random.get().nextInt(injected.length)] : FaultyStore.Fault.NONE;
        };
        store.verifyFaults = r -> random.get().nextInt(100) < 30 ? FaultyStore.Fault.TRANSIENT : FaultyStore.Fault.NONE;
        KeyedHistory history = new KeyedHistory(null,
                Set.of(StoreUnavailableException.class, org.tracknum.IdempotencyKeyInFlightException.class));
        int keysPerWorker = 300;
        RetryPolicy retry = RetryPolicy.builder().budget(Duration.ofMillis(10)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5)).build();
        try (TrackingNumberGenerator one = TrackingNumberGenerator.builder().store(store).retryPolicy(retry)
                .candidateSource(history.candidates()).build();
             TrackingNumberGenerator two = TrackingNumberGenerator.builder().store(store).retryPolicy(retry)
                     .candidateSource(history.candidates()).bulkSize(16).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> workers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int worker = t;
                    workers.add(() -> {
                        // Each key is issued by two workers on different generators; odd workers use bulk calls.
                        int base = (worker / 2) * keysPerWorker;
                        TrackingNumberGenerator generator = worker % 2 == 0 ? one : two;
                        if (worker % 2 == 0) {
                            for (int i = 0; i < keysPerWorker; i++) {
                                assertThat(history.issueUntilSuccess(generator, history.key(base + i),
                                        Duration.ofMillis(1), Duration.ofSeconds(60))).isPresent();
                            }
                        } else {
                            List<KeyedHistory.Key> left = new ArrayList<>();
                            for (int i = 0; i < keysPerWorker; i++) {
                                left.add(history.key(base + i));
                            }
                            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                            while (!left.isEmpty() && System.nanoTime() < deadline) {
                                List<java.util.Optional<org.tracknum.IssuedTrackingNumber>> out = history.issueAll(generator, left);
                                List<KeyedHistory.Key> again = new ArrayList<>();
                                for (int i = 0; i < left.size(); i++) {
                                    if (out.get(i).isEmpty()) {
                                        again.add(left.get(i));
                                    }
                                }
                                left = again;
                            }
                            assertThat(left).as("keys never issued").isEmpty();
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        store.reserveFaults = r -> FaultyStore.Fault.NONE;
        store.verifyFaults = r -> FaultyStore.Fault.NONE;
        KeyedHistory.Summary summary = history.check(store.memory);
        System.out.println("GeneratorUnderRandomFaultsTest keyed seed=" + seed + ": " + summary);
        assertThat(summary.settled()).isEqualTo(4 * keysPerWorker);
        assertThat(summary.failures()).as("calls that failed and were retried").isNotEmpty();
        assertThat(outageStart).as("keys that met an outage").isNotEmpty();
    }
}
