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
 */
public record Reservation(UUID reservationId, String trackingNumber, ShipmentRequest request, Instant issuedAt) {
    public Reservation {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** The number as issued, once this reservation is known to be ours. */
    public IssuedTrackingNumber toIssued() {
        return new IssuedTrackingNumber(trackingNumber, request, issuedAt);
    }
}
