package org.tracknum.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.History;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;

/**
 * 8 threads of {@code next()} against a store while a fault script runs, then the history check:
 * every number returned is stored with its caller's request, none returned twice, and every
 * failure a {@link StoreUnavailableException}. The caller brings the database back before
 * {@link #check}.
 */
final class FaultRun {
    static final int THREADS = 8;

    /** What happens to the database during the run. */
    interface Faults {
        void inject() throws Exception;
    }

    private final History history = new History(null, Set.of(StoreUnavailableException.class));

    /** Runs the workers until {@code faults} returns and then {@code tail} longer. */
    void run(ReservationStore store, Duration tail, Faults faults) throws Exception {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                .candidateSource(history.candidates()).listener(history.listener())
                .retryPolicy(RetryPolicy.builder().budget(Duration.ofSeconds(8)).build())
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        int calls = 0;
                        while (!stop.get()) {
                            history.issue(generator);
                            calls++;
                        }
                        return calls;
                    }));
                }
                try {
                    faults.inject();
                    Thread.sleep(tail.toMillis());
                } finally {
                    stop.set(true);
                }
                for (Future<Integer> f : workers) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Checks the history against the store (asserting) and returns the figures, printed for the report. */
    History.Summary check(ReservationStore store, String name) {
        History.Summary summary = history.check(store);
        System.out.println("FAULT RUN " + name + ": " + summary);
        return summary;
    }
}
