package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.RetryPolicy;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStore;

/**
 * Eight threads of {@code next()} through one generator, never rebuilt, while a script kills,
 * restarts or fails over the store; then the {@link History} check against the store as it is
 * afterwards. On top of the history it measures what a failover costs:
 * <ul>
 *   <li><b>time without a primary</b>: the longest stretch without any number acknowledged, from
 *       the last acknowledgement before {@link #faulted()} (the script calls it right after the
 *       kill, or just before a restart) to the end of the run;</li>
 *   <li><b>re-issues</b>: after {@link #faulted()} the first candidate of each call is, while any
 *       are left, a number acknowledged in the last seconds before the fault. A store that kept it
 *       answers "taken" and the call draws a fresh one; a store that lost it hands it out again,
 *       and the history counts a duplicate. Random 62-bit candidates alone would never show a
 *       lost number being issued twice.</li>
 * </ul>
 * {@link #check} asserts nothing lost, nothing twice and that the generator recovered;
 * {@link #measure} asserts only the recovery (for failover onto an asynchronous replica, whose
 * losses are reported, not forbidden).
 */
public final class FailoverRun {
    public static final int THREADS = 8;
    private static final long REPLAY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int REPLAY_MAX = 5_000;
    private static final ThreadLocal<ShipmentRequest> REPLAYED_FOR = new ThreadLocal<>();

    private final String name;
    private final History history;
    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> replay = new ConcurrentLinkedQueue<>();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger acknowledgedAfterFault = new AtomicInteger();
    private final Map<String, Long> events = new LinkedHashMap<>();
    private volatile long faultAt;

    private record Acknowledged(long at, IssuedTrackingNumber issued) {
    }

    /** What happens to the store during the run; calls {@link #faulted()} right after the kill. */
    public interface Script {
        void run(FailoverRun run) throws Exception;
    }

    /** Figures of one run, printed on one line for docs/jdbc.md and docs/redis.md. */
    public record Figures(String name, int calls, int acknowledged, int failed, int lost, int duplicates,
                          int burned, int lostBeforeFault, int replayed, long withoutPrimaryMillis,
                          Map<String, Long> events, History.Summary summary) {
        @Override
        public String toString() {
            return "FAILOVER RUN " + name + ": calls=" + calls + " acknowledged=" + acknowledged + " failed=" + failed
                    + " " + summary.failures() + " lost=" + lost + " (acknowledged before the kill: " + lostBeforeFault
                    + ") duplicates=" + duplicates + " burned=" + burned + " replayed-candidates=" + replayed
                    + " without-primary-ms=" + withoutPrimaryMillis + " events-ms-after-kill=" + events;
        }
    }

    public FailoverRun(String name) {
        this.name = name;
        this.history = new History(this::candidate, Set.of(StoreUnavailableException.class));
    }

    /**
     * A run length halved when the environment variable {@code CI} is {@code true}, as most CI
     * services set it (fewer calls on a shared runner).
     */
    public static Duration scaled(Duration local) {
        return "true".equalsIgnoreCase(System.getenv("CI")) ? local.dividedBy(2) : local;
    }

    private String candidate(ShipmentRequest request) {
        if (faultAt != 0 && REPLAYED_FOR.get() != request) {
            REPLAYED_FOR.set(request);
            String earlier = replay.poll();
            if (earlier != null) {
                replayed.incrementAndGet();
                return earlier;
            }
        }
        return History.randomCandidate(request);
    }

    /** Marks the fault (call it once the old primary is dead) and queues recent numbers for replay. */
    public void faulted() {
        long now = System.nanoTime();
        List<String> recent = new ArrayList<>();
        for (Acknowledged a : acknowledged) {
            if (a.at() > now - REPLAY_WINDOW_NANOS) {
                recent.add(a.issued().trackingNumber());
            }
        }
        replay.addAll(recent.subList(Math.max(0, recent.size() - REPLAY_MAX), recent.size()));
        faultAt = now;
    }

    /** Records a step of the script (e.g. "promoted"), in ms after {@link #faulted()}. */
    public synchronized void event(String what) {
        events.put(what, faultAt == 0 ? -1 : (System.nanoTime() - faultAt) / 1_000_000);
    }

    /**
     * Runs the workers through {@code script} and then {@code tail} longer, and on until a few
     * numbers were issued after the fault (at most a minute more). The generator is built once on
     * {@code store} (left open) and never rebuilt.
     */
    public void run(ReservationStore store, RetryPolicy policy, Script script, Duration tail) throws Exception {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new ReservationStoreContract.KeptOpen(store)).retryPolicy(policy)
                .candidateSource(history.candidates()).listener(history.listener()).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> work(generator, stop)));
                }
                try {
                    script.run(this);
                    assertThat(faultAt).as("the script called faulted()").isNotZero();
                    Thread.sleep(tail.toMillis());
                    // On a loaded machine the store may come back after the tail: keep the run going
                    // (up to a minute) until the generator has issued again, so that "it carries on"
                    // is judged on what it does, not on how fast the machine is.
                    long extra = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                    while (acknowledgedAfterFault.get() < THREADS && System.nanoTime() < extra) {
                        Thread.sleep(100);
                    }
                } finally {
                    stop.set(true);
                }
                for (Future<Integer> worker : workers) {
                    worker.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private int work(TrackingNumberGenerator generator, AtomicBoolean stop) {
        int calls = 0;
        while (!stop.get()) {
            long started = System.nanoTime();
            Optional<IssuedTrackingNumber> issued = history.issue(generator);
            calls++;
            if (issued.isPresent()) {
                long now = System.nanoTime();
                acknowledged.add(new Acknowledged(now, issued.get()));
                long fault = faultAt;
                if (fault != 0 && started > fault) {
                    acknowledgedAfterFault.incrementAndGet();
                }
            }
        }
        return calls;
    }

    /** Figures against {@code checker} (the store as it is now), asserting only that issuing resumed. */
    public Figures measure(ReservationStore checker) {
        History.Summary s = history.measure(checker);
        Figures figures;
        synchronized (this) {
            figures = new Figures(name, s.calls(), s.ok(), s.failed(), s.lost(), s.duplicates(), s.ambiguousBurned(),
                    lostAcknowledgedBeforeFault(checker), replayed.get(), longestGapMillis(),
                    new LinkedHashMap<>(events), s);
        }
        System.out.println(figures);
        assertThat(s.failures().keySet()).as("failures other than StoreUnavailableException: %s", s.problemList())
                .isSubsetOf("StoreUnavailableException");
        assertThat(acknowledgedAfterFault.get()).as("numbers issued after the fault, without a new generator (%s)",
                figures).isPositive();
        return figures;
    }

    /**
     * Of the lost numbers (absent, or stored for another caller), those acknowledged before the
     * fault; the others were acknowledged after it.
     */
    private int lostAcknowledgedBeforeFault(ReservationStore checker) {
        int lost = 0;
        for (Acknowledged a : acknowledged) {
            if (a.at() <= faultAt && !History.findOnceUp(checker, a.issued().trackingNumber())
                    .map(stored -> stored.request().equals(a.issued().request())).orElse(false)) {
                lost++;
            }
        }
        return lost;
    }

    private long longestGapMillis() {
        long[] times = acknowledged.stream().mapToLong(Acknowledged::at).sorted().toArray();
        long gap = 0;
        for (int i = 1; i < times.length; i++) {
            if (times[i] > faultAt) {
                gap = Math.max(gap, times[i] - times[i - 1]);
            }
        }
        return gap / 1_000_000;
    }

    /** {@link #measure}, and asserts that nothing was lost or issued twice. */
    public Figures check(ReservationStore checker) {
        Figures figures = measure(checker);
        assertThat(figures.summary().problemList()).as("history problems (%s)", figures).isEmpty();
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicates()).isZero();
        return figures;
    }
}
