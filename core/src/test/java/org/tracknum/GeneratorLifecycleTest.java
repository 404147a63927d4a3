package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;

/** Batching, lifecycle and argument checks of the generator. */
class GeneratorLifecycleTest {

    private static List<IssuedTrackingNumber> runConcurrently(TrackingNumberGenerator generator, int threads,
                                                              int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<IssuedTrackingNumber>>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(() -> {
                    List<IssuedTrackingNumber> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(generator.next(ValidRequests.unique()));
                    }
                    return mine;
                });
            }
            List<IssuedTrackingNumber> all = new ArrayList<>();
            for (Future<List<IssuedTrackingNumber>> f : pool.invokeAll(workers)) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallersShareBatchesAndALoneCallerGoesStraightThrough() throws Exception {
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.delayNanosPerBatch = 1_000_000; // a store round trip of 1 ms
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).lanes(2)
                .maxBatchSize(16).build()) {
            generator.next(ValidRequests.unique());
            assertThat(store.batchSizes).containsExactly(1);
            store.batchSizes.clear();

            List<IssuedTrackingNumber> issued = runConcurrently(generator, 32, 50);
            assertThat(issued).extracting(IssuedTrackingNumber::trackingNumber).doesNotHaveDuplicates().hasSize(1600);
            int batches = store.batchSizes.size();
            int largest = store.batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            System.out.println("32 callers x 50 numbers: " + batches + " batches, largest " + largest);
            assertThat(largest).isGreaterThan(1).isLessThanOrEqualTo(16);
            assertThat(batches).isLessThan(1600);
        }
    }

    @Test
    void batchingOffMeansOneReservationPerStoreCall() throws Exception {
        ScriptedFaultStore store = new ScriptedFaultStore();
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).maxBatchSize(1).build()) {
            runConcurrently(generator, 8, 200);
            assertThat(store.batchSizes).containsOnly(1).hasSize(1600);
        }
    }

    @Test
    void closeLetsCallsInFlightFinishThenRefusesNewOnesAndClosesTheStore() throws Exception {
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.delayNanosPerBatch = 200_000_000;
        TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            ShipmentRequest request = ValidRequests.unique(); // built (and validated) before the call starts
            Future<IssuedTrackingNumber> inFlight = pool.submit(() -> {
                started.countDown();
                return generator.next(request);
            });
            started.await();
            Thread.sleep(50);
            generator.close();
            assertThat(inFlight.get().trackingNumber()).hasSize(16);
            assertThat(store.closed).isTrue();
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            generator.close(); // idempotent
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void buildFailsFastWhenTheStoreIsUnreachable() {
        ScriptedFaultStore store = new ScriptedFaultStore() {
            @Override
            public void ping() {
                throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "connection refused", null);
            }
        };
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).startupBudget(Duration.ZERO).build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void builderRefusesOutOfRangeValues() {
        MemoryReservationStore store = new MemoryReservationStore();
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no store");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).lanes(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("lanes");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).maxBatchSize(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> RetryPolicy.builder().maxCollisions(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxCollisions");
        assertThatThrownBy(() -> RetryPolicy.builder().budget(java.time.Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("budget");
    }

    @Test
    void candidatesOutsideTheAlphabetAreRefused() {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new MemoryReservationStore())
                .candidateSource(r -> "abc-123").build()) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isInstanceOf(TrackingNumberException.class).hasMessageContaining("^[A-Z0-9]{1,16}$");
        }
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new MemoryReservationStore())
                .candidateSource(r -> "A".repeat(17)).build()) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique())).isInstanceOf(TrackingNumberException.class);
        }
    }

    @Test
    void issuedNumbersMatchTheFormatAndCarryTheClocksTime() {
        Instant now = Instant.parse("2026-11-27T10:15:30.123456789Z");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new MemoryReservationStore())
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(issued.trackingNumber()).matches("^MYID[A-Z0-9]{12}$");
            assertThat(TrackingNumberFormat.defaultFormat().matches(issued.trackingNumber())).isTrue();
            assertThat(issued.issuedAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30.123456Z"));
            assertThat(generator.find(issued.trackingNumber())).contains(issued);
        }
    }

    @Test
    void findOfMalformedTextIsEmptyWithoutAskingTheStore() {
        ScriptedFaultStore store = new ScriptedFaultStore() {
            @Override
            public java.util.Optional<IssuedTrackingNumber> find(String trackingNumber) {
                throw new AssertionError("store asked for " + trackingNumber);
            }
        };
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            assertThat(generator.find("not a number")).isEmpty();
            assertThat(generator.find("")).isEmpty();
            assertThat(generator.find("A".repeat(17))).isEmpty();
            assertThatThrownBy(() -> generator.next(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheGenerator() {
        TrackingNumberListener angry = new TrackingNumberListener() {
            @Override
            public void issued(java.time.Duration elapsed) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new MemoryReservationStore())
                .listener(angry).build()) {
            assertThat(generator.next(ValidRequests.unique()).trackingNumber()).hasSize(16);
            assertThat(generator.isStoreReachable()).isTrue();
        }
    }
}
