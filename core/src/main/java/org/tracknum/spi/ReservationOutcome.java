package org.tracknum.spi;

import java.util.Objects;
import org.tracknum.IssuedTrackingNumber;

/**
 * What a store reports for one {@link Reservation}.
 *
 * @param status   what happened
 * @param cause    the failure behind {@code TRANSIENT}, {@code AMBIGUOUS} and {@code FATAL}; {@code null}
 *                 otherwise. Its message must not contain request data.
 * @param existing for {@code KEY_HELD} only: the number already stored under the reservation's
 *                 (customer, idempotency key), with its request and issue time as stored; {@code null}
 *                 otherwise
 */
public record ReservationOutcome(Status status, Throwable cause, IssuedTrackingNumber existing) {

    /** The classification of one reservation's outcome. */
    public enum Status {
        /** The number is now durably ours (this reservation id is stored with it). */
        RESERVED,
        /**
         * The number belongs to another reservation (or, from {@link ReservationStore#verify}, is
         * not stored under ours): the generator tries a fresh candidate.
         */
        TAKEN,
        /** Nothing was written (refused connection, deadlock, lock timeout...): safe to retry. */
        TRANSIENT,
        /** The write may or may not have committed (connection lost mid-write): ownership must be verified. */
        AMBIGUOUS,
        /** Retrying cannot help (schema, permissions, a row the database refuses): fail the caller. */
        FATAL,
        /**
         * Only for a reservation with an idempotency key: that key (of that customer) already names
         * a durably stored number, given by {@link ReservationOutcome#existing()}, and nothing was
         * written for this reservation. The generator compares the stored request with the
         * caller's: equal, the caller gets the existing number; different, an
         * {@link org.tracknum.IdempotencyConflictException}.
         */
        KEY_HELD
    }

    public static final ReservationOutcome RESERVED = new ReservationOutcome(Status.RESERVED, null, null);
    public static final ReservationOutcome TAKEN = new ReservationOutcome(Status.TAKEN, null, null);

    public ReservationOutcome {
        Objects.requireNonNull(status, "status");
        boolean failure = status == Status.TRANSIENT || status == Status.AMBIGUOUS || status == Status.FATAL;
        if (failure != (cause != null)) {
            throw new IllegalArgumentException(status + " outcome " + (cause == null ? "needs" : "takes no") + " cause");
        }
        if ((status == Status.KEY_HELD) != (existing != null)) {
            throw new IllegalArgumentException(status + " outcome " + (existing == null ? "needs" : "takes no")
                    + " existing number");
        }
    }

    /** An outcome without an existing number: any status but {@code KEY_HELD}. */
    public ReservationOutcome(Status status, Throwable cause) {
        this(status, cause, null);
    }

    /** The reservation's idempotency key already names {@code existing}; nothing was written. */
    public static ReservationOutcome keyHeld(IssuedTrackingNumber existing) {
        return new ReservationOutcome(Status.KEY_HELD, null, Objects.requireNonNull(existing, "existing"));
    }

    public static ReservationOutcome transientFailure(Throwable cause) {
        return new ReservationOutcome(Status.TRANSIENT, cause);
    }

    public static ReservationOutcome ambiguous(Throwable cause) {
        return new ReservationOutcome(Status.AMBIGUOUS, cause);
    }

    public static ReservationOutcome fatal(Throwable cause) {
        return new ReservationOutcome(Status.FATAL, cause);
    }

    /** The same failure for a whole batch. */
    public static ReservationOutcome of(StoreFailure failure) {
        return new ReservationOutcome(failure.status(), failure);
    }
}
