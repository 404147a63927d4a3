package org.tracknum.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** The shape every Redis fault run shares: callers that loop until {@code stop}, one fault beside them. */
final class FaultRuns {
    private FaultRuns() {
    }

    /**
     * Runs {@code callers} and {@code fault} at once, sets {@code stop} when the fault is over,
     * joins every task and throws the first failure (a caller's assertion included).
     */
    static void callersDuring(List<Callable<Void>> callers, Runnable fault, AtomicBoolean stop) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>(callers);
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
}
