package org.tracknum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;

/**
 * One {@link TrackingNumberGenerator#nextAll} call. {@link #checked} validates the whole list
 * before anything is stored (null items, keys, the same key twice); {@link #run} then works in
 * rounds: every unsettled item's reservation goes to the store in batches of the generator's bulk
 * size (straight to {@code store.reserve}, not through the lanes, with up to {@code lanes} batches
 * in flight: {@link BulkBatches}), ambiguous ones are verified in batches too, and each outcome is handled as {@code next} handles it. Items whose outcome was
 * transient wait for the next round, after one backoff for the whole list; the retry budget runs
 * from the call's start or from the last round that settled an item, so a long list on a slow but
 * working store is never cut short. An item that repeats an earlier item's key (same request)
 * is not sent at all: it gets the earlier item's number. When the budget ends, keyed items still
 * unsettled are looked up by key on a store that answers, as {@code next(request, key)} does.
 */
final class BulkIssue {
    private record Scope(UUID customerId, String key) {
    }

    private final DefaultTrackingNumberGenerator generator;
    private final List<ShipmentRequest> requests;
    private final String[] keys;
    /** For an item repeating an earlier item's key: that item's index; else -1. */
    private final int[] sameAs;
    private final IssuedTrackingNumber[] results;
    private final TrackingNumberException[] failures;
    private final Reservation[] reservations;
    private final int[] collisions;
    private int failed;

    private BulkIssue(DefaultTrackingNumberGenerator generator, List<ShipmentRequest> requests, String[] keys,
                      int[] sameAs) {
        this.generator = generator;
        this.requests = requests;
        this.keys = keys;
        this.sameAs = sameAs;
        int n = requests.size();
        this.results = new IssuedTrackingNumber[n];
        this.failures = new TrackingNumberException[n];
        this.reservations = new Reservation[n];
        this.collisions = new int[n];
    }

    /**
     * @throws IllegalArgumentException     when the lists differ in size
     * @throws BulkLimitExceededException   for too long a list
     * @throws InvalidRequestException      naming every bad item by index
     * @throws IdempotencyConflictException for one key on two different requests
     * @throws TrackingNumberException      for keys on a store that does not keep them
     */
    static BulkIssue checked(DefaultTrackingNumberGenerator generator, List<ShipmentRequest> requests,
                             List<String> keys) {
        int n = requests.size();
        if (keys != null && keys.size() != n) {
            throw new IllegalArgumentException("nextAll needs one idempotency key (or null) per request: "
                    + n + " requests, " + keys.size() + " keys");
        }
        if (n > generator.maxBulk()) {
            throw new BulkLimitExceededException(n, generator.maxBulk());
        }
        List<ShipmentRequest> items = new ArrayList<>(requests);
        String[] keyArray = keys == null ? null : keys.toArray(new String[0]);
        List<FieldError> errors = new ArrayList<>();
        boolean anyKey = false;
        for (int i = 0; i < n; i++) {
            if (items.get(i) == null) {
                errors.add(new FieldError(IndexedErrors.field(i, null), "must not be null", null));
            }
            if (keyArray != null && keyArray[i] != null) {
                anyKey = true;
                FieldError error = IdempotencyKeys.error(IndexedErrors.field(i, IdempotencyKeys.FIELD), keyArray[i]);
                if (error != null) {
                    errors.add(error);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        int[] sameAs = new int[n];
        Arrays.fill(sameAs, -1);
        if (anyKey) {
            generator.requireKeySupport();
            Map<Scope, Integer> first = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (keyArray[i] == null) {
                    continue;
                }
                Integer earlier = first.putIfAbsent(new Scope(items.get(i).customerId(), keyArray[i]), i);
                if (earlier != null) {
                    if (!items.get(earlier).equals(items.get(i))) {
                        throw new IdempotencyConflictException(keyArray[i], earlier, i);
                    }
                    sameAs[i] = earlier;
                }
            }
        }
        return new BulkIssue(generator, items, anyKey ? keyArray : null, sameAs);
    }

    List<IssuedTrackingNumber> run(long start) {
        int n = requests.size();
        int[] pending = new int[n];
        int pendingCount = 0;
        for (int i = 0; i < n; i++) {
            if (sameAs[i] < 0) {
                pending[pendingCount++] = i;
            }
        }
        int[] ambiguous = new int[0];
        int ambiguousCount = 0;
        long budget = generator.retryPolicy().budget().toNanos();
        long deadline = start + budget;
        int attempt = 0;
        Throwable lastCause = null;
        while (pendingCount + ambiguousCount > 0) {
            int[] nextPending = new int[pendingCount + ambiguousCount];
            int nextPendingCount = 0;
            int[] nextAmbiguous = new int[pendingCount + ambiguousCount];
            int nextAmbiguousCount = 0;
            boolean settled = false;
            boolean failedTransiently = false;
            int bulkSize = generator.bulkSize();
            List<List<Reservation>> batches = new ArrayList<>((pendingCount + bulkSize - 1) / bulkSize);
            for (int from = 0; from < pendingCount; from += bulkSize) {
                int to = Math.min(pendingCount, from + bulkSize);
                List<Reservation> batch = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    int i = pending[k];
                    if (reservations[i] == null) {
                        reservations[i] = generator.newReservation(requests.get(i), key(i));
                    }
                    batch.add(reservations[i]);
                }
                batches.add(batch);
            }
            List<List<ReservationOutcome>> written = generator.bulkBatches()
                    .run(batches, batch -> ReservationLanes.execute(generator.store(), batch));
            for (int from = 0, b = 0; from < pendingCount; from += bulkSize, b++) {
                int to = Math.min(pendingCount, from + bulkSize);
                List<ReservationOutcome> outcomes = written.get(b);
                for (int k = from; k < to; k++) {
                    int i = pending[k];
                    ReservationOutcome outcome = outcomes.get(k - from);
                    switch (outcome.status()) {
                        case RESERVED:
                            issued(i, start);
                            settled = true;
                            break;
                        case KEY_HELD:
                            replay(i, outcome.existing(), start);
                            settled = true;
                            break;
                        case TAKEN:
                            if (collided(i, start)) {
                                nextPending[nextPendingCount++] = i;
                            }
                            break;
                        case TRANSIENT:
                            failedTransiently = true;
                            lastCause = outcome.cause();
                            nextPending[nextPendingCount++] = i;
                            break;
                        case AMBIGUOUS:
                            nextAmbiguous[nextAmbiguousCount++] = i;
                            lastCause = outcome.cause();
                            break;
                        case FATAL:
                        default:
                            fail(i, generator.fatal(outcome.cause()));
                            break;
                    }
                }
            }
            List<List<Reservation>> checks = new ArrayList<>((ambiguousCount + bulkSize - 1) / bulkSize);
            for (int from = 0; from < ambiguousCount; from += bulkSize) {
                int to = Math.min(ambiguousCount, from + bulkSize);
                List<Reservation> batch = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    batch.add(reservations[ambiguous[k]]);
                }
                checks.add(batch);
            }
            List<List<ReservationOutcome>> checked = generator.bulkBatches().run(checks, generator::verifyOutcomes);
            for (int from = 0, b = 0; from < ambiguousCount; from += bulkSize, b++) {
                int to = Math.min(ambiguousCount, from + bulkSize);
                List<ReservationOutcome> verdicts = checked.get(b);
                for (int k = from; k < to; k++) {
                    int i = ambiguous[k];
                    ReservationOutcome verdict = verdicts.get(k - from);
                    switch (verdict.status()) {
                        case RESERVED:
                            issued(i, start);
                            settled = true;
                            break;
                        case KEY_HELD:
                            replay(i, verdict.existing(), start);
                            settled = true;
                            break;
                        case TAKEN:
                            generator.listener().burned(DefaultTrackingNumberGenerator.since(start));
                            reservations[i] = null;
                            nextPending[nextPendingCount++] = i;
                            break;
                        case FATAL:
                            fail(i, generator.fatal(verdict.cause()));
                            break;
                        default:
                            failedTransiently = true;
                            lastCause = verdict.cause();
                            nextAmbiguous[nextAmbiguousCount++] = i;
                            break;
                    }
                }
            }
            // Ambiguous writes are verified in the next round without a pause: only failures wait.
            if (failedTransiently) {
                if (settled) {
                    attempt = 0;
                    deadline = Math.max(deadline, System.nanoTime() + budget);
                }
                attempt++;
                // An interrupt is obeyed only here, where nothing of this call is in flight.
                if (Thread.currentThread().isInterrupted() || !generator.pause(attempt, deadline, start)
                        || Thread.currentThread().isInterrupted()) {
                    StoreUnavailableException unavailable = Thread.currentThread().isInterrupted()
                            ? generator.interrupted(attempt, start, lastCause)
                            : generator.unavailable(attempt, start, lastCause);
                    boolean lookUp = keys != null && !Thread.currentThread().isInterrupted()
                            && generator.isStoreReachable();
                    lookUp = settleByKey(nextPending, nextPendingCount, unavailable, lookUp, start);
                    settleByKey(nextAmbiguous, nextAmbiguousCount, unavailable, lookUp, start);
                    break;
                }
            }
            pending = nextPending;
            pendingCount = nextPendingCount;
            ambiguous = nextAmbiguous;
            ambiguousCount = nextAmbiguousCount;
        }
        return outcome();
    }

    /**
     * The budget ended with these items unsettled. An item without a key fails with
     * {@code unavailable}. On a store that still answers, a keyed item's write was held up by
     * another unfinished call on its key (typically another process's open transaction), as in
     * {@code next(request, key)}: the number stored under the key meanwhile is the item's (its own
     * ambiguous write, or a replay), else the item fails with {@link IdempotencyKeyInFlightException}
     * (HTTP 409). The first lookup that fails, or an interrupt, ends the lookups.
     *
     * @return whether lookups may go on
     */
    private boolean settleByKey(int[] items, int count, StoreUnavailableException unavailable, boolean lookUp,
                                long start) {
        for (int k = 0; k < count; k++) {
            int i = items[k];
            String key = key(i);
            if (!lookUp || key == null || Thread.currentThread().isInterrupted()) {
                fail(i, unavailable);
                continue;
            }
            Optional<IssuedTrackingNumber> stored;
            try {
                stored = generator.store().findByIdempotencyKey(requests.get(i).customerId(), key);
            } catch (RuntimeException e) {
                lookUp = false;
                fail(i, unavailable);
                continue;
            }
            if (stored.isEmpty()) {
                fail(i, IdempotencyKeyInFlightException.writeHeldUp(key, unavailable));
            } else if (reservations[i] != null
                    && stored.get().trackingNumber().equals(reservations[i].trackingNumber())) {
                issued(i, start); // its own write, reported ambiguous, had landed
            } else {
                replay(i, stored.get(), start);
            }
        }
        return lookUp;
    }

    private String key(int i) {
        return keys == null ? null : keys[i];
    }

    private void issued(int i, long start) {
        results[i] = reservations[i].toIssued();
        if (generator.listening()) {
            generator.listener().issued(DefaultTrackingNumberGenerator.since(start));
        }
    }

    private void replay(int i, IssuedTrackingNumber existing, long start) {
        try {
            results[i] = generator.replay(requests.get(i), key(i), existing, start);
        } catch (TrackingNumberException e) {
            fail(i, e);
        }
    }

    /** Counts a collision: true if the item gets a fresh candidate, false if it failed with exhaustion. */
    private boolean collided(int i, long start) {
        collisions[i]++;
        generator.listener().collision(DefaultTrackingNumberGenerator.since(start));
        if (collisions[i] >= generator.retryPolicy().maxCollisions()) {
            fail(i, generator.exhausted(collisions[i]));
            return false;
        }
        reservations[i] = null;
        return true;
    }

    private void fail(int i, TrackingNumberException e) {
        failures[i] = e;
        failed++;
    }

    /** The numbers in input order, or the failure: the only one's as it is, else a partial issue. */
    private List<IssuedTrackingNumber> outcome() {
        int n = requests.size();
        for (int i = 0; i < n; i++) {
            int first = sameAs[i];
            if (first >= 0) {
                results[i] = results[first];
                if (failures[first] != null) {
                    fail(i, failures[first]);
                }
            }
        }
        if (failed == 0) {
            return List.of(results);
        }
        SortedMap<Integer, IssuedTrackingNumber> issued = new TreeMap<>();
        SortedMap<Integer, TrackingNumberException> failedItems = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (results[i] != null) {
                issued.put(i, results[i]);
            } else {
                failedItems.put(i, failures[i]);
            }
        }
        if (issued.isEmpty()) {
            throw failedItems.get(failedItems.firstKey());
        }
        throw new PartialIssueException(n, issued, failedItems);
    }
}
