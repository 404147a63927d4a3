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
            Ended e = interruptAfterRetries(3, () -> generator.next(ValidRequests.unique()));
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
            Ended e = onOwnThread(() -> generator.next(ValidRequests.unique()), new AtomicBoolean(true),
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
            Ended e = onOwnThread(() -> generator.next(ValidRequests.unique()), new AtomicBoolean(true),
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
            CompletableFuture<Ended> first = onOwnThread(() -> generator.next(ValidRequests.unique()),
                    new AtomicBoolean(), threads);
            CompletableFuture<Ended> second = onOwnThread(() -> generator.next(ValidRequests.unique()),
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
            Ended e = interruptAfterRetries(2, () -> generator.next(ValidRequests.unique()));
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

    @Test
    void interruptWhileABulkCallBacksOffStopsItWithNothingStored() throws Exception {
        store.keys = true;
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator()) {
            List<ShipmentRequest> requests = List.of(ValidRequests.unique(), ValidRequests.unique(), ValidRequests.unique());
            Ended e = interruptAfterRetries(2, () -> generator.nextAll(requests, List.of("k-1", "k-2", "k-3")));
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class);
            assertThat(((Exception) e.result()).getMessage()).contains("interrupted while waiting to retry");
            assertThat(e.interrupted()).as("interrupt status kept").isTrue();
            int attempts = store.batchSizes.size();
            Thread.sleep(300);
            assertThat(store.batchSizes).as("no attempt after the call ended").hasSize(attempts);
            assertThat(store.memory.size()).isZero();
        }
    }

    @Test
    void interruptWhileAKeyedCallBacksOffStopsIt() throws Exception {
        store.keys = true;
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator()) {
            Ended e = interruptAfterRetries(2, () -> generator.next(ValidRequests.unique(), "order-1"));
            assertThat(e.result()).isInstanceOf(CallInterruptedException.class);
            assertThat(e.interrupted()).isTrue();
            assertThat(store.memory.size()).isZero();
        }
    }
}
