package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * An {@link Error} thrown by a store is no outcome: the generator neither treats the batch as
 * ambiguous (no verify) nor carries on; every caller of the batch gets the error.
 */
class LaneErrorTest {

    /** A real memory store that throws {@code error} from the reserve calls chosen by {@code failCall}. */
    private static final class ErrorStore implements ReservationStore {
        final MemoryReservationStore memory = new MemoryReservationStore();
        final AtomicInteger reserveCalls = new AtomicInteger();
        final AtomicInteger verifyCalls = new AtomicInteger();
        final AtomicReference<List<Integer>> batchSizes = new AtomicReference<>(new ArrayList<>());
        volatile int failCall = -1;
        volatile Error error;
        volatile CountDownLatch holdFirst;

        @Override
        public List<ReservationOutcome> reserve(List<Reservation> batch) {
            int call = reserveCalls.incrementAndGet();
            synchronized (this) {
                batchSizes.get().add(batch.size());
            }
            if (call == 1 && holdFirst != null) {
                try {
                    holdFirst.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (call == failCall) {
                throw error;
            }
            return memory.reserve(batch);
        }

        @Override
        public List<ReservationOutcome> verify(List<Reservation> reservations) {
            verifyCalls.incrementAndGet();
            return memory.verify(reservations);
        }

        @Override
        public Optional<IssuedTrackingNumber> find(String trackingNumber) {
            return memory.find(trackingNumber);
        }

        @Override
        public void ping() {
            memory.ping();
        }

        @Override
        public String describe() {
            return "error-injecting " + memory.describe();
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    @Test
    void aLoneCallerGetsTheErrorAndTheGeneratorKeepsWorking() {
        ErrorStore store = new ErrorStore();
        store.error = new StackOverflowError("injected");
        store.failCall = 1;
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique())).isSameAs(store.error);
            assertThat(store.verifyCalls).hasValue(0);
            assertThat(generator.next(ValidRequests.unique()).trackingNumber()).hasSize(16);
        }
    }

    @Test
    void everyCallerOfAFailedBatchGetsTheErrorAndNobodyHangs() throws Exception {
        ErrorStore store = new ErrorStore();
        store.error = new OutOfMemoryError("injected");
        store.failCall = 2; // the batch of everyone who queued behind the first, held, call
        store.holdFirst = new CountDownLatch(1);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).lanes(1).build()) {
            List<Future<IssuedTrackingNumber>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> generator.next(ValidRequests.unique())));
            while (store.reserveCalls.get() < 1) {
                Thread.onSpinWait();
            }
            for (int i = 1; i < callers; i++) {
                calls.add(pool.submit(() -> generator.next(ValidRequests.unique())));
            }
            Thread.sleep(300); // let the others queue behind the held call (more time only batches more)
            store.holdFirst.countDown();
            int issued = 0;
            int failed = 0;
            for (Future<IssuedTrackingNumber> call : calls) {
                try {
                    assertThat(call.get(60, TimeUnit.SECONDS).trackingNumber()).hasSize(16);
                    issued++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isSameAs(store.error);
                    failed++;
                }
            }
            List<Integer> sizes = store.batchSizes.get();
            System.out.println("batches " + sizes + ": " + issued + " issued, " + failed + " got the error");
            assertThat(sizes.size()).isGreaterThanOrEqualTo(2);
            assertThat(failed).isEqualTo(sizes.get(1)).isPositive();
            assertThat(issued + failed).isEqualTo(callers);
            assertThat(store.verifyCalls).hasValue(0);
            assertThat(generator.next(ValidRequests.unique()).trackingNumber()).hasSize(16);
        } finally {
            pool.shutdownNow();
        }
    }
}
