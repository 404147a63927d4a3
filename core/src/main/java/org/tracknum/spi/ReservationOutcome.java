package org.tracknum.spi;

import java.util.Objects;

/**
 * What a store reports for one {@link Reservation}.
 *
 * @param status what happened
 * @param cause  the failure behind {@code TRANSIENT}, {@code AMBIGUOUS} and {@code FATAL}; {@code null}
 *               for {@code RESERVED} and {@code TAKEN}. Its message must not contain request data.
 */
public record ReservationOutcome(Status status, Throwable cause) {

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
        FATAL
    }

    public static final ReservationOutcome RESERVED = new ReservationOutcome(Status.RESERVED, null);
    public static final ReservationOutcome TAKEN = new ReservationOutcome(Status.TAKEN, null);

    public ReservationOutcome {
        Objects.requireNonNull(status, "status");
        if ((status == Status.RESERVED || status == Status.TAKEN) != (cause == null)) {
            throw new IllegalArgumentException(status + " outcome " + (cause == null ? "needs" : "takes no") + " cause");
        }
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
