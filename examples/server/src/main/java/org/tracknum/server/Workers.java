package org.tracknum.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that call the generator and the store: a fixed number (so that concurrent requests
 * share the generator's batches) with a bounded queue. When every thread is busy and the queue is
 * full, {@link #execute} refuses at once and the request gets {@code 503}: the queue never grows
 * without limit, and no connection thread waits for the store.
 */
final class Workers {
    private final ThreadPoolExecutor executor;

    Workers(int threads, int queue) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, new Named(),
                new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads();
    }

    /** @throws RejectedExecutionException when every worker is busy and the queue is full, or after {@link #stop} */
    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Lets running and queued tasks finish for up to {@code millis}, then interrupts the rest. */
    void stop(long millis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Named, non-daemon worker threads. */
    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tracknum-worker-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        }
    }
}
