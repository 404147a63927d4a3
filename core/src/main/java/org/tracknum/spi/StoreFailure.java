package org.tracknum.spi;

import java.util.Objects;

/**
 * A classified store failure, thrown by {@link ReservationStore} methods when a whole call failed.
 * The message must not contain request data (no SQL with values, no customer names).
 */
public class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ReservationOutcome.Status status;

    /**
     * @param status {@code TRANSIENT}, {@code AMBIGUOUS} or {@code FATAL}
     */
    public StoreFailure(ReservationOutcome.Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
        if (status == ReservationOutcome.Status.RESERVED || status == ReservationOutcome.Status.TAKEN) {
            throw new IllegalArgumentException("a failure is TRANSIENT, AMBIGUOUS or FATAL, not " + status);
        }
    }

    public ReservationOutcome.Status status() {
        return status;
    }
}
