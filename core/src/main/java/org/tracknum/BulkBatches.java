package org.tracknum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;

/**
 * Sends the store batches of one {@code nextAll} round with up to {@code lanes} of them in flight
 * at once: the calling thread works through the list and, for a list of several batches,
 * {@code lanes - 1} helper threads take batches beside it. A single caller's list so keeps as
 * many store connections busy as the {@code next} traffic of many callers does
 * ({@code tracknum.batch.lanes}), and the database works on one batch while the generator builds
 * and reads the next. Helpers are daemon threads of the generator, kept 30 s when idle and ended
 * by {@link #close()}. Only the store calls run on helpers; the outcomes are handled by the
 * caller, in input order.
 */
final class BulkBatches implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final int lanes;
    private final ThreadPoolExecutor helpers;

    BulkBatches(int lanes) {
        this.lanes = lanes;
        AtomicInteger threads = new AtomicInteger();
        this.helpers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "tracknum-bulk-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * {@code call} applied to every batch, its results in the batches' order. A helper that
     * cannot be started (the generator is closing) leaves its share to the caller. The caller
     * waits for every helper before it returns, also when interrupted (the interrupt is restored,
     * not obeyed: nothing of the call may be left in flight); a failure of {@code call} stops the
     * others taking further batches and is thrown here.
     */
    List<List<ReservationOutcome>> run(List<List<Reservation>> batches,
                                       Function<List<Reservation>, List<ReservationOutcome>> call) {
        int n = batches.size();
        @SuppressWarnings("unchecked")
        List<ReservationOutcome>[] results = new List[n];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            int i;
            try {
                while ((i = next.getAndIncrement()) < n) {
                    results[i] = call.apply(batches.get(i));
                }
            } catch (RuntimeException | Error e) {
                next.set(n);
                throw e;
            }
        };
        List<Future<?>> started = new ArrayList<>();
        for (int h = 1; h < Math.min(lanes, n); h++) {
            try {
                started.add(helpers.submit(work));
            } catch (RejectedExecutionException closing) {
                break;
            }
        }
        Throwable failure = null;
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> helper : started) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return Arrays.asList(results);
    }

    @Override
    public void close() {
        helpers.shutdown();
    }
}
