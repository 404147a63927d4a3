package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tracknum.ScriptedFaultStore.Fault;
import org.tracknum.spi.History;
import org.tracknum.spi.TestRequests;

/**
 * Interrupted callers, on real threads: a call waiting to retry a failing store stops at once with
 * {@link CallInterruptedException} and its interrupt status set; a call whose write is in flight
 * completes and has its interrupt restored. The retry budget is a minute, so a call that ignored
 * the interrupt would run far past every bound used here.
 */
class GeneratorInterruptTest {
    private static final Duration LONG_BUDGET = Duration.ofSeconds(60);
    private static final long PROMPT_MILLIS = 15_000; // a quarter of the budget: headroom for a loaded machine

    private final ScriptedFaultStore store = new ScriptedFaultStore();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<String> drawn = new CopyOnWriteArrayList<>();

    private TrackingNumberGenerator generator() {
        return TrackingNumberGenerator.builder()
                .store(store)
                .retryPolicy(RetryPolicy.builder().budget(LONG_BUDGET).initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(400)).build())
                .candidateSource(request -> {
                    String c = TrackingNumberFormat.defaultFormat().candidate(request);
                    drawn.add(c);
                    return c;
                })
                .listener(new TrackingNumberListener() {
                    @Override
                    public void retry(int attempt, Duration elapsed) {
                        retries.incrementAndGet();
                    }
                })
                .build();
    }

    /** What a call on its own thread ended with, and whether that thread was still interrupted. */
    private record Ended(Object result, boolean interrupted, long millis) {
    }

    private static CompletableFuture<Ended> onOwnThread(Supplier<Object> call, AtomicBoolean interruptFirst,
                                                        List<Thread> thread) {
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            if (interruptFirst.get()) {
                Thread.currentThread().interrupt();
            }
            long start = System.nanoTime();
            Object result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                result = e;
            }
            ended.complete(new Ended(result, Thread.currentThread().isInterrupted(),
                    (System.nanoTime() - start) / 1_000_000));
        }, "interrupt-test-caller");
        thread.add(t);
        t.start();
        return ended;
    }

    /** Runs {@code call} on its own thread and interrupts it once it has backed off {@code retries} times. */
    private Ended interruptAfterRetries(int retries, Supplier<Object> call) throws Exception {
        List<Thread> thread = new ArrayList<>();
        CompletableFuture<Ended> ended = onOwnThread(call, new AtomicBoolean(), thread);
        awaitRetries(retries);
        thread.get(0).interrupt();
        return ended.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void awaitRetries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (retries.get() < n) {
            assertThat(System.nanoTime()).as("waiting for %s retries", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void interruptWhileBackingOffStopsRetryingAndKeepsTheStatus() throws Exception {
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = interruptAfterRetries(3, () -> generator.next(TestRequests.unique()));
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class)
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(((Exception) e.result()).getMessage()).contains("interrupted while waiting to retry")
                    .contains("not retried");
            assertThat(e.interrupted()).as("interrupt status kept").isTrue();
            int attempts = store.batchSizes.size();
            Thread.sleep(300);
            assertThat(store.batchSizes).as("no attempt after the call ended").hasSize(attempts);
            assertThat(store.memory.size()).isZero();
        }
    }

    @Test
    void alreadyInterruptedCallerFailsAtItsFirstBackoffWithoutSpinning() throws Exception {
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = onOwnThread(() -> generator.next(TestRequests.unique()), new AtomicBoolean(true),
                    new ArrayList<>()).get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class);
            assertThat(e.interrupted()).isTrue();
            assertThat(store.batchSizes).as("the first attempt only").hasSize(1);
            assertThat(retries).hasValue(0);
        }
    }

    @Test
    void interruptedCallerWhoseStoreAnswersGetsItsNumberAndKeepsTheStatus() throws Exception {
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = onOwnThread(() -> generator.next(TestRequests.unique()), new AtomicBoolean(true),
                    new ArrayList<>()).get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(e.result()).isInstanceOf(IssuedTrackingNumber.class);
            assertThat(e.interrupted()).isTrue();
            assertThat(store.find(((IssuedTrackingNumber) e.result()).trackingNumber())).isPresent();
        }
    }

    @Test
    void interruptDuringAWriteInFlightIsRestoredAfterTheWriteCompletes() throws Exception {
        store.delayNanosPerBatch = Duration.ofMillis(400).toNanos();
        try (TrackingNumberGenerator generator = generator()) {
            // Two callers on one lane: the first flushes, the second waits in the queue; both are
            // interrupted while the slow batch is in flight.
            List<Thread> threads = new ArrayList<>();
            CompletableFuture<Ended> first = onOwnThread(() -> generator.next(TestRequests.unique()),
                    new AtomicBoolean(), threads);
            CompletableFuture<Ended> second = onOwnThread(() -> generator.next(TestRequests.unique()),
                    new AtomicBoolean(), threads);
            Thread.sleep(150);
            threads.forEach(Thread::interrupt);
            for (CompletableFuture<Ended> call : List.of(first, second)) {
                Ended e = call.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
                assertThat(e.result()).isInstanceOf(IssuedTrackingNumber.class);
                assertThat(e.interrupted()).isTrue();
                assertThat(store.find(((IssuedTrackingNumber) e.result()).trackingNumber())).isPresent();
            }
        }
    }

    @Test
    void interruptWhileCheckingAnAmbiguousWriteBurnsItsNumber() throws Exception {
        store.reserveFaults = r -> Fault.AMBIGUOUS_WRITTEN;
        store.verifyFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = interruptAfterRetries(2, () -> generator.next(TestRequests.unique()));
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class);
            assertThat(e.interrupted()).isTrue();
            assertThat(drawn).hasSize(1);
            assertThat(store.memory.size()).as("written, but never handed out: burned").isEqualTo(1);
        }
    }

    @Test
    void interruptWhileFindRetriesStopsIt() throws Exception {
        store.findFails = true;
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = interruptAfterRetries(2, () -> generator.find("USCA000000000007"));
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class);
            assertThat(e.interrupted()).isTrue();
        }
    }

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
            return roll < 30 ? Fault.TRANSIENT : roll < 35 ? Fault.AMBIGUOUS_WRITTEN : roll < 38 ? Fault.AMBIGUOUS_LOST
                    : Fault.NONE;
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
