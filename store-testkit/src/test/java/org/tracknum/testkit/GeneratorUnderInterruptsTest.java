package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.CallInterruptedException;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;

/**
 * The randomised half of core's {@code GeneratorInterruptTest}, here because it checks its run with
 * the kit's {@link History} (core cannot depend on the kit).
 */
class GeneratorUnderInterruptsTest {
    private static final Duration LONG_BUDGET = Duration.ofSeconds(60);
    private static final long PROMPT_MILLIS = 15_000; // a quarter of the budget: headroom for a loaded machine
    private final FaultyStore store = new FaultyStore();

    /**
     * Eight threads against a store that fails a third of the writes transiently (and some
     * ambiguously), while a ninth interrupts random workers: every call ends promptly, as issued
     * or as {@link StoreUnavailableException} (interrupted ones as {@link CallInterruptedException}),
     * and the history check finds nothing lost and nothing returned twice.
     */
    @Test
    void interruptsDuringAFlakyRunLoseAndDuplicateNothing() throws Exception {
        long seed = System.nanoTime();
        System.out.println("GeneratorInterruptTest seed=" + seed);
        ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(() -> new SplittableRandom(seed
                + Thread.currentThread().getId()));
        store.reserveFaults = r -> {
            int roll = random.get().nextInt(100);
            return roll < 30 ? FaultyStore.Fault.TRANSIENT : roll < 35 ? FaultyStore.Fault.AMBIGUOUS_WRITTEN : roll < 38 ? FaultyStore.Fault.AMBIGUOUS_LOST
                    : FaultyStore.Fault.NONE;
        };
        History history = new History(null, Set.of(StoreUnavailableException.class));
        AtomicInteger interruptedEndings = new AtomicInteger();
        AtomicInteger slowest = new AtomicInteger();
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store)
                .retryPolicy(RetryPolicy.builder().budget(LONG_BUDGET).initialBackoff(Duration.ofMillis(2))
                        .maxBackoff(Duration.ofMillis(50)).build())
                .candidateSource(history.candidates()).listener(history.listener()).build()) {
            int threads = 8;
            List<Thread> workers = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(threads);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                List<Callable<Integer>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    tasks.add(() -> {
                        workers.add(Thread.currentThread());
                        started.countDown();
                        int calls = 0;
                        for (; calls < 400; calls++) {
                            long start = System.nanoTime();
                            boolean issued = history.issue(generator).isPresent();
                            slowest.accumulateAndGet((int) ((System.nanoTime() - start) / 1_000_000), Math::max);
                            if (Thread.interrupted() && !issued) {
                                interruptedEndings.incrementAndGet();
                            }
                        }
                        return calls;
                    });
                }
                tasks.add(() -> {
                    started.await();
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int sent = 0;
                    while (!stop.get() && sent < 300) {
                        workers.get(rnd.nextInt(workers.size())).interrupt();
                        sent++;
                        Thread.sleep(3);
                    }
                    return sent;
                });
                List<Future<Integer>> done = new ArrayList<>();
                for (Callable<Integer> task : tasks) {
                    done.add(pool.submit(task));
                }
                for (int t = 0; t < threads; t++) {
                    assertThat(done.get(t).get(120, TimeUnit.SECONDS)).isEqualTo(400);
                }
                stop.set(true);
                done.get(threads).get(30, TimeUnit.SECONDS);
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
        }
        History.Summary summary = history.check(store.memory);
        System.out.println("GeneratorInterruptTest seed=" + seed + ": " + summary + " interrupted-endings="
                + interruptedEndings + " slowest-call-ms=" + slowest);
        assertThat(summary.calls()).isEqualTo(3_200);
        assertThat(summary.failures().keySet()).isSubsetOf("CallInterruptedException");
        assertThat(slowest.get()).as("no call used the minute-long budget").isLessThan((int) PROMPT_MILLIS);
    }
}
