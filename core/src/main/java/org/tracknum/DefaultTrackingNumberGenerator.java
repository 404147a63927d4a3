package org.tracknum;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreFailure;

/**
 * The generator: candidate, reserve, retry, ownership of ambiguous outcomes, idempotency keys.
 * Keyed single calls are coordinated per key by {@link KeyedCalls}; {@code nextAll} is
 * {@link BulkIssue}. See {@link TrackingNumberGenerator}.
 */
final class DefaultTrackingNumberGenerator implements TrackingNumberGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTrackingNumberGenerator.class);
    private static final long CLOSE_WAIT_NANOS = Duration.ofSeconds(30).toNanos();

    private final ReservationStore store;
    private final TrackingNumberFormat format;
    private final CandidateSource candidates;
    private final Clock clock;
    private final RetryPolicy retry;
    private final TrackingNumberListener listener;
    private final boolean listening;
    private final ReservationLanes lanes;
    private final int laneCount;
    private final int maxBatchSize;
    private final int bulkSize;
    private final int maxBulk;
    private final BulkBatches bulkBatches;
    private final KeyedCalls keyedCalls = new KeyedCalls(this);
    private final ReservationIds reservationIds = new ReservationIds();
    private final LongAdder inFlight = new LongAdder();
    private volatile boolean closed;

    DefaultTrackingNumberGenerator(Builder builder) {
        this.store = builder.store;
        this.format = builder.format;
        this.candidates = builder.candidateSource != null ? builder.candidateSource : format::candidate;
        this.clock = builder.clock;
        this.retry = builder.retryPolicy;
        this.listening = builder.listener != GuardedListener.NONE;
        this.listener = new GuardedListener(builder.listener);
        this.lanes = new ReservationLanes(store, builder.lanes, builder.maxBatchSize);
        this.laneCount = builder.lanes;
        this.maxBatchSize = builder.maxBatchSize;
        this.bulkSize = builder.bulkSize;
        this.maxBulk = builder.maxBulk;
        this.bulkBatches = new BulkBatches(builder.lanes);
        awaitStore(builder.startupWait != null ? builder.startupWait
                : new StartupWait(builder.effectiveStartupBudget()));
        LOG.debug("tracking number generator ready: store {}, format {}, {} lanes, batches up to {}",
                store.describe(), format, builder.lanes, builder.maxBatchSize);
    }

    /** Pings until the store answers, waiting while it is transiently unavailable; a fatal failure ends it at once. */
    private void awaitStore(StartupWait wait) {
        try {
            wait.until("store " + store.describe(), () -> {
                try {
                    store.ping();
                    return null;
                } catch (StoreFailure e) {
                    if (e.status() == ReservationOutcome.Status.FATAL) {
                        throw e;
                    }
                    throw unreachable(e);
                }
            });
        } catch (StoreFailure e) {
            throw unreachable(e);
        }
    }

    private StoreUnavailableException unreachable(StoreFailure e) {
        return new StoreUnavailableException("store " + store.describe() + " is unreachable: " + e.getMessage(), e);
    }

    @Override
    public IssuedTrackingNumber next(ShipmentRequest request) {
        Objects.requireNonNull(request, "request");
        enter();
        long start = System.nanoTime();
        try {
            return issue(request, null, start, start + retry.budget().toNanos()).issued();
        } catch (TrackingNumberException e) {
            notifyFailure(e, start);
            throw e;
        } finally {
            inFlight.decrement();
        }
    }

    @Override
    public IssuedTrackingNumber next(ShipmentRequest request, String idempotencyKey) {
        return nextOrReplay(request, idempotencyKey).issued();
    }

    @Override
    public KeyedIssue nextOrReplay(ShipmentRequest request, String idempotencyKey) {
        Objects.requireNonNull(request, "request");
        if (idempotencyKey == null) {
            return new KeyedIssue(next(request), false);
        }
        IdempotencyKeys.check(idempotencyKey);
        requireKeySupport();
        enter();
        long start = System.nanoTime();
        try {
            return keyedCalls.issue(request, idempotencyKey, start, start + retry.budget().toNanos());
        } catch (TrackingNumberException e) {
            notifyFailure(e, start);
            throw e;
        } finally {
            inFlight.decrement();
        }
    }

    /**
     * One call's loop: candidate, reserve through the lanes, handle the outcome. With a key,
     * {@code KEY_HELD} ends the call with the stored number (equal request, a replay) or a conflict.
     */
    KeyedIssue issue(ShipmentRequest request, String key, long start, long deadline) {
        int collisions = 0;
        int retries = 0;
        Reservation reservation = newReservation(request, key);
        while (true) {
            ReservationOutcome outcome = lanes.reserve(reservation);
            switch (outcome.status()) {
                case RESERVED:
                    if (listening) {
                        listener.issued(since(start));
                    }
                    return new KeyedIssue(reservation.toIssued(), false);
                case KEY_HELD:
                    return new KeyedIssue(replay(request, key, outcome.existing(), start), true);
                case TAKEN:
                    collisions++;
                    listener.collision(since(start));
                    if (collisions >= retry.maxCollisions()) {
                        throw exhausted(collisions);
                    }
                    reservation = newReservation(request, key);
                    break;
                case TRANSIENT:
                    retries++;
                    backoff(retries, deadline, start, outcome.cause());
                    break;
                case AMBIGUOUS:
                    ReservationOutcome verdict = verifyOwnership(reservation, deadline, start);
                    if (verdict.status() == ReservationOutcome.Status.RESERVED) {
                        listener.issued(since(start));
                        return new KeyedIssue(reservation.toIssued(), false);
                    }
                    if (verdict.status() == ReservationOutcome.Status.KEY_HELD) {
                        return new KeyedIssue(replay(request, key, verdict.existing(), start), true);
                    }
                    LOG.debug("burned a candidate whose write was ambiguous");
                    listener.burned(since(start));
                    reservation = newReservation(request, key);
                    break;
                case FATAL:
                default:
                    throw fatal(outcome.cause());
            }
        }
    }

    /** The number stored under the call's key: returned for an equal request, else a conflict. */
    IssuedTrackingNumber replay(ShipmentRequest request, String key, IssuedTrackingNumber existing, long start) {
        if (key == null) {
            throw fatal(new IllegalStateException("the store reported KEY_HELD for a reservation without a key"));
        }
        if (!existing.request().equals(request)) {
            throw new IdempotencyConflictException(key, existing.trackingNumber());
        }
        listener.replayed(since(start));
        return existing;
    }

    /**
     * After an ambiguous write: {@code RESERVED} if the reservation is durably ours,
     * {@code KEY_HELD} if its key names another stored number, {@code TAKEN} if it must be burned.
     */
    ReservationOutcome verifyOwnership(Reservation reservation, long deadline, long start) {
        int retries = 0;
        List<Reservation> one = List.of(reservation);
        while (true) {
            ReservationOutcome outcome = verifyOutcomes(one).get(0);
            switch (outcome.status()) {
                case RESERVED:
                case TAKEN:
                case KEY_HELD:
                    return outcome;
                case FATAL:
                    throw fatal(outcome.cause());
                default:
                    retries++;
                    backoff(retries, deadline, start, outcome.cause());
            }
        }
    }

    /**
     * The store's verdicts, one per reservation; a failure of the whole check becomes that
     * failure's outcome for each, and {@code KEY_HELD} for a reservation without a key is FATAL.
     */
    List<ReservationOutcome> verifyOutcomes(List<Reservation> reservations) {
        List<ReservationOutcome> outcomes;
        try {
            outcomes = store.verify(reservations);
        } catch (StoreFailure e) {
            return java.util.Collections.nCopies(reservations.size(), ReservationOutcome.of(e));
        } catch (RuntimeException e) {
            return java.util.Collections.nCopies(reservations.size(), ReservationOutcome.ambiguous(e));
        }
        if (outcomes == null || outcomes.size() != reservations.size()) {
            throw fatal(new IllegalStateException("store verify returned "
                    + (outcomes == null ? "null" : outcomes.size() + " outcomes") + " for "
                    + reservations.size() + " reservations"));
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).status() == ReservationOutcome.Status.KEY_HELD
                    && !reservations.get(i).hasIdempotencyKey()) {
                throw fatal(new IllegalStateException("the store reported KEY_HELD for a reservation without a key"));
            }
        }
        return outcomes;
    }

    /**
     * Sleeps before retry {@code attempt}, or gives up when the budget would be exceeded or the
     * thread is (or gets) interrupted. Nothing of this call is in flight here, so an interrupt is
     * obeyed: the call ends with its interrupt status still set.
     */
    void backoff(int attempt, long deadline, long start, Throwable cause) {
        stopIfInterrupted(attempt, start, cause);
        if (!pause(attempt, deadline, start)) {
            throw unavailable(attempt, start, cause);
        }
        stopIfInterrupted(attempt, start, cause);
    }

    /** Sleeps before retry {@code attempt} and returns true, or returns false when the budget would be exceeded. */
    boolean pause(int attempt, long deadline, long start) {
        long pause = retry.backoffNanos(attempt);
        if (System.nanoTime() + pause >= deadline) {
            LOG.debug("store stayed unavailable for {} attempts", attempt);
            return false;
        }
        listener.retry(attempt, since(start));
        LockSupport.parkNanos(this, pause);
        return true;
    }

    private void stopIfInterrupted(int attempt, long start, Throwable cause) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(attempt, start, cause);
        }
    }

    /** The failure of a call whose thread was interrupted while it waited to retry; nothing of it is in flight. */
    CallInterruptedException interrupted(int attempt, long start, Throwable cause) {
        LOG.debug("interrupted after {} failed attempts; not retrying", attempt);
        return new CallInterruptedException("interrupted while waiting to retry store " + store.describe()
                + " after " + attempt + " failed attempts in " + since(start).toMillis() + " ms; not retried"
                + causeSummary(cause), cause);
    }

    StoreUnavailableException unavailable(int attempts, long start, Throwable cause) {
        return new StoreUnavailableException("store " + store.describe() + " unavailable after " + attempts
                + " attempts in " + since(start).toMillis() + " ms" + causeSummary(cause), cause);
    }

    NumberSpaceExhaustedException exhausted(int collisions) {
        return new NumberSpaceExhaustedException("number space exhausted: " + collisions
                + " consecutive candidates were already taken (format " + format + ", capacity "
                + format.capacity() + " numbers, see TrackingNumberFormat.capacity())");
    }

    TrackingNumberException fatal(Throwable cause) {
        return new TrackingNumberException("store " + store.describe() + " refused the reservation"
                + causeSummary(cause), cause);
    }

    private static String causeSummary(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    /** A reservation of a fresh candidate for {@code request}, with {@code key} (null: none). */
    Reservation newReservation(ShipmentRequest request, String key) {
        String candidate = candidates.candidate(request);
        if (!isWellFormed(candidate)) {
            throw new TrackingNumberException("candidate source produced a number that does not match "
                    + "^[A-Z0-9]{1,16}$ (length " + (candidate == null ? "null" : candidate.length()) + ")");
        }
        UUID reservationId = reservationIds.next();
        return new Reservation(reservationId, candidate, request, clock.instant().truncatedTo(ChronoUnit.MICROS), key);
    }

    static boolean isWellFormed(String number) {
        if (number == null || number.isEmpty() || number.length() > 16) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        if (!isWellFormed(trackingNumber)) {
            return Optional.empty();
        }
        return read(() -> store.find(trackingNumber));
    }

    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        IdempotencyKeys.check(idempotencyKey);
        requireKeySupport();
        return read(() -> store.findByIdempotencyKey(customerId, idempotencyKey));
    }

    /** A store read, retried within the budget. */
    private Optional<IssuedTrackingNumber> read(Supplier<Optional<IssuedTrackingNumber>> lookup) {
        enter();
        long start = System.nanoTime();
        long deadline = start + retry.budget().toNanos();
        try {
            int retries = 0;
            while (true) {
                try {
                    return lookup.get();
                } catch (StoreFailure e) {
                    if (e.status() == ReservationOutcome.Status.FATAL) {
                        throw fatal(e);
                    }
                    retries++;
                    backoff(retries, deadline, start, e);
                }
            }
        } finally {
            inFlight.decrement();
        }
    }

    @Override
    public List<IssuedTrackingNumber> nextAll(List<ShipmentRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        return nextAll(requests, null);
    }

    @Override
    public List<IssuedTrackingNumber> nextAll(List<ShipmentRequest> requests, List<String> idempotencyKeys) {
        Objects.requireNonNull(requests, "requests");
        BulkIssue bulk = BulkIssue.checked(this, requests, idempotencyKeys);
        enter();
        long start = System.nanoTime();
        try {
            return bulk.run(start);
        } catch (TrackingNumberException e) {
            notifyFailure(e, start);
            throw e;
        } finally {
            inFlight.decrement();
        }
    }

    void requireKeySupport() {
        if (!store.supportsIdempotencyKeys()) {
            throw new TrackingNumberException("store " + store.describe() + " does not keep idempotency keys:"
                    + " calls with a key need a store that does (memory, jdbc, redis)");
        }
    }

    @Override
    public boolean isStoreReachable() {
        try {
            store.ping();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("store ping failed", e);
            return false;
        }
    }

    private void enter() {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw new IllegalStateException("the tracking number generator is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        int idleReads = 0;
        while (idleReads < 2 && System.nanoTime() < deadline) {
            if (inFlight.sum() == 0) {
                idleReads++;
            } else {
                idleReads = 0;
                LockSupport.parkNanos(1_000_000);
            }
        }
        if (inFlight.sum() != 0) {
            LOG.warn("closing the store with calls still in flight after {} s", CLOSE_WAIT_NANOS / 1_000_000_000);
        }
        bulkBatches.close();
        store.close();
    }

    private void notifyFailure(TrackingNumberException e, long start) {
        listener.failure(e, since(start));
    }

    static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The settings in effect, for tests. */
    TrackingNumberFormat format() {
        return format;
    }

    RetryPolicy retryPolicy() {
        return retry;
    }

    int laneCount() {
        return laneCount;
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    BulkBatches bulkBatches() {
        return bulkBatches;
    }

    int bulkSize() {
        return bulkSize;
    }

    @Override
    public int maxBulk() {
        return maxBulk;
    }

    ReservationStore store() {
        return store;
    }

    TrackingNumberListener listener() {
        return listener;
    }

    boolean listening() {
        return listening;
    }

    @Override
    public String toString() {
        return "TrackingNumberGenerator[store=" + store.describe() + ", format=" + format + "]";
    }
}
