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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreFailure;

/** The generator: candidate, reserve, retry, ownership of ambiguous outcomes. See {@link TrackingNumberGenerator}. */
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
            return issue(request, start);
        } catch (TrackingNumberException e) {
            notifyFailure(e, start);
            throw e;
        } finally {
            inFlight.decrement();
        }
    }

    private IssuedTrackingNumber issue(ShipmentRequest request, long start) {
        long deadline = start + retry.budget().toNanos();
        int collisions = 0;
        int retries = 0;
        Reservation reservation = newReservation(request);
        while (true) {
            ReservationOutcome outcome = lanes.reserve(reservation);
            switch (outcome.status()) {
                case RESERVED:
                    if (listening) {
                        listener.issued(since(start));
                    }
                    return reservation.toIssued();
                case TAKEN:
                    collisions++;
                    listener.collision(since(start));
                    if (collisions >= retry.maxCollisions()) {
                        throw exhausted(collisions);
                    }
                    reservation = newReservation(request);
                    break;
                case TRANSIENT:
                    retries++;
                    backoff(retries, deadline, start, outcome.cause());
                    break;
                case AMBIGUOUS:
                    if (verifyOwnership(reservation, deadline, start)) {
                        listener.issued(since(start));
                        return reservation.toIssued();
                    }
                    LOG.debug("burned a candidate whose write was ambiguous");
                    listener.burned(since(start));
                    reservation = newReservation(request);
                    break;
                case FATAL:
                default:
                    throw fatal(outcome.cause());
            }
        }
    }

    /** True if the ambiguous reservation is durably ours; false if it must be burned. */
    private boolean verifyOwnership(Reservation reservation, long deadline, long start) {
        int retries = 0;
        List<Reservation> one = List.of(reservation);
        while (true) {
            ReservationOutcome outcome;
            try {
                outcome = store.verify(one).get(0);
            } catch (StoreFailure e) {
                outcome = ReservationOutcome.of(e);
            } catch (RuntimeException e) {
                outcome = ReservationOutcome.ambiguous(e);
            }
            switch (outcome.status()) {
                case RESERVED:
                    return true;
                case TAKEN:
                    return false;
                case FATAL:
                    throw fatal(outcome.cause());
                default:
                    retries++;
                    backoff(retries, deadline, start, outcome.cause());
            }
        }
    }

    /**
     * Sleeps before retry {@code attempt}, or gives up when the budget would be exceeded or the
     * thread is (or gets) interrupted. Nothing of this call is in flight here, so an interrupt is
     * obeyed: the call ends with its interrupt status still set.
     */
    private void backoff(int attempt, long deadline, long start, Throwable cause) {
        stopIfInterrupted(attempt, start, cause);
        long pause = retry.backoffNanos(attempt);
        if (System.nanoTime() + pause >= deadline) {
            LOG.debug("store stayed unavailable for {} attempts", attempt);
            throw new StoreUnavailableException("store " + store.describe() + " unavailable after " + attempt
                    + " attempts in " + since(start).toMillis() + " ms" + causeSummary(cause), cause);
        }
        listener.retry(attempt, since(start));
        LockSupport.parkNanos(this, pause);
        stopIfInterrupted(attempt, start, cause);
    }

    private void stopIfInterrupted(int attempt, long start, Throwable cause) {
        if (Thread.currentThread().isInterrupted()) {
            LOG.debug("interrupted after {} failed attempts; not retrying", attempt);
            throw new CallInterruptedException("interrupted while waiting to retry store " + store.describe()
                    + " after " + attempt + " failed attempts in " + since(start).toMillis() + " ms; not retried"
                    + causeSummary(cause), cause);
        }
    }

    private NumberSpaceExhaustedException exhausted(int collisions) {
        return new NumberSpaceExhaustedException("number space exhausted: " + collisions
                + " consecutive candidates were already taken (format " + format + ", capacity "
                + format.capacity() + " numbers, see TrackingNumberFormat.capacity())");
    }

    private TrackingNumberException fatal(Throwable cause) {
        return new TrackingNumberException("store " + store.describe() + " refused the reservation"
                + causeSummary(cause), cause);
    }

    private static String causeSummary(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    private Reservation newReservation(ShipmentRequest request) {
        String candidate = candidates.candidate(request);
        if (!isWellFormed(candidate)) {
            throw new TrackingNumberException("candidate source produced a number that does not match "
                    + "^[A-Z0-9]{1,16}$ (length " + (candidate == null ? "null" : candidate.length()) + ")");
        }
        UUID reservationId = reservationIds.next();
        return new Reservation(reservationId, candidate, request, clock.instant().truncatedTo(ChronoUnit.MICROS));
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
        enter();
        long start = System.nanoTime();
        long deadline = start + retry.budget().toNanos();
        try {
            int retries = 0;
            while (true) {
                try {
                    return store.find(trackingNumber);
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
        store.close();
    }

    private void notifyFailure(TrackingNumberException e, long start) {
        listener.failure(e, since(start));
    }

    private static Duration since(long start) {
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

    ReservationStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "TrackingNumberGenerator[store=" + store.describe() + ", format=" + format + "]";
    }
}
