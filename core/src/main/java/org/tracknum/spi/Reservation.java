package org.tracknum.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;

/**
 * One attempt to claim {@code trackingNumber} for {@code request}. The {@code reservationId} is
 * unique per attempt (never reused for another number or request); stores persist it with the
 * number (JDBC: the {@code reservation_id} column; Redis: the token inside the value) so that an
 * ambiguous write can later be shown to be ours, and they match outcomes to reservations by it,
 * never by the number: two reservations in one batch may carry the same number.
 *
 * @param reservationId  per-attempt ownership token
 * @param trackingNumber the candidate, matching {@code ^[A-Z0-9]{1,16}$}
 * @param request        the validated request to store with the number
 * @param issuedAt       issue time to store with the number
 * @param idempotencyKey the caller's idempotency key, scoped by the request's {@code customerId}, or
 *                       {@code null} for a call without one. A store that
 *                       {@linkplain ReservationStore#supportsIdempotencyKeys() supports keys} stores it
 *                       with the number and lets at most one stored number carry a given
 *                       (customer, key) pair; see {@link ReservationOutcome.Status#KEY_HELD}.
 */
public record Reservation(UUID reservationId, String trackingNumber, ShipmentRequest request, Instant issuedAt,
                          String idempotencyKey) {
    public Reservation {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** A reservation without an idempotency key. */
    public Reservation(UUID reservationId, String trackingNumber, ShipmentRequest request, Instant issuedAt) {
        this(reservationId, trackingNumber, request, issuedAt, null);
    }

    /** Whether this reservation carries an idempotency key. */
    public boolean hasIdempotencyKey() {
        return idempotencyKey != null;
    }

    /** The number as issued, once this reservation is known to be ours. */
    public IssuedTrackingNumber toIssued() {
        return new IssuedTrackingNumber(trackingNumber, request, issuedAt);
    }
}
