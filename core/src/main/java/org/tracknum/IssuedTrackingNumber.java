package org.tracknum;

import java.time.Instant;
import java.util.Objects;

/**
 * A tracking number that the store holds for {@code request}: returned by
 * {@link TrackingNumberGenerator#next} once it is durable, and by {@link TrackingNumberGenerator#find}.
 *
 * @param trackingNumber the number, matching {@code ^[A-Z0-9]{1,16}$}
 * @param request        the request it was issued for (its {@code toString()} hides the customer name)
 * @param issuedAt       when the generator issued it
 */
public record IssuedTrackingNumber(String trackingNumber, ShipmentRequest request, Instant issuedAt) {
    public IssuedTrackingNumber {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
