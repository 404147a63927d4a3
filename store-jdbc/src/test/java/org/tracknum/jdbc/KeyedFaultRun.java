package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tracknum.IdempotencyKeyInFlightException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.KeyedHistory;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;

/**
 * Keyed issuance through the generator while a fault script runs, checked with the kit's
 * {@link KeyedHistory}. Two generators share the store (the second issues in bulk, batches of 16);
 * 8 workers form 4 pairs, and both workers of a pair go through the same keys, one with
 * {@code next(request, key)} on the first generator, retrying each key until a call returns, the
 * other with keyed {@code nextAll} of 8 keys at a time on the second, retrying the items that got
 * no number. So every key is raced or replayed across generators while the database fails. Workers
 * stop when the script has returned and {@code tail} has passed, after finishing their keys; the
 * check then proves that every key names exactly one stored number, the one all its calls got.
 */
final class KeyedFaultRun {
    static final int PAIRS = 4;
    private static final int BULK = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KeyedHistory history = new KeyedHistory(null,
            Set.of(StoreUnavailableException.class, IdempotencyKeyInFlightException.class));

    void run(ReservationStore store, Duration tail, FaultRun.Faults faults) throws Exception {
        RetryPolicy retry = RetryPolicy.builder().budget(Duration.ofSeconds(8)).build();
        try (TrackingNumberGenerator single = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                .candidateSource(history.candidates()).retryPolicy(retry).build();
             TrackingNumberGenerator bulk = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                     .candidateSource(history.candidates()).retryPolicy(retry).bulkSize(16).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * PAIRS);
            AtomicBoolean stop = new AtomicBoolean();
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int p = 0; p < PAIRS; p++) {
                    int base = p * 10_000_000;
                    workers.add(pool.submit(() -> oneByOne(single, base, stop)));
                    workers.add(pool.submit(() -> inBulk(bulk, base, stop)));
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

    /** Keys {@code base}, {@code base + 1}, ..., each retried until a call returns; the keys done. */
    private int oneByOne(TrackingNumberGenerator generator, int base, AtomicBoolean stop) {
        int i = 0;
        while (!stop.get()) {
            KeyedHistory.Key key = history.key(base + i++);
            assertThat(history.issueUntilSuccess(generator, key, Duration.ofMillis(50), PATIENCE))
                    .as("key %s issued within %s", key.key(), PATIENCE).isPresent();
        }
        return i;
    }

    /** The same keys, {@link #BULK} per keyed nextAll, the unissued items retried until all have a number. */
    private int inBulk(TrackingNumberGenerator generator, int base, AtomicBoolean stop) throws InterruptedException {
        int i = 0;
        while (!stop.get()) {
            List<KeyedHistory.Key> left = new ArrayList<>();
            for (int k = 0; k < BULK; k++) {
                left.add(history.key(base + i++));
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!left.isEmpty()) {
                assertThat(System.nanoTime() - deadline < 0).as("bulk keys issued within %s", PATIENCE).isTrue();
                List<Optional<IssuedTrackingNumber>> out = history.issueAll(generator, left);
                List<KeyedHistory.Key> again = new ArrayList<>();
                for (int k = 0; k < left.size(); k++) {
                    if (out.get(k).isEmpty()) {
                        again.add(left.get(k));
                    }
                }
                left = again;
                if (!left.isEmpty()) {
                    Thread.sleep(50);
                }
            }
        }
        return i;
    }

    /** Checks every key against the store (asserting) and prints the figures for the report. */
    KeyedHistory.Summary check(ReservationStore store, String name) {
        KeyedHistory.Summary summary = history.check(store);
        System.out.println("KEYED FAULT RUN (generator) " + name + ": " + summary);
        assertThat(summary.settled()).as("keys issued").isGreaterThan(2 * PAIRS * BULK);
        assertThat(summary.returnedCalls()).as("calls that returned: both workers of a pair")
                .isGreaterThan(summary.settled());
        return summary;
    }
}
