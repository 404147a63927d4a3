package org.tracknum;

/**
 * What {@link TrackingNumberGenerator#nextOrReplay} returns: the number, and whether this call
 * issued it or returned the one issued before under the same customer's key (a replay, which an
 * HTTP API answers with {@code Idempotent-Replayed: true}).
 *
 * @param issued   the number, exactly as {@link TrackingNumberGenerator#next(ShipmentRequest, String)}
 *                 returns it (a replay has the first call's number and {@code issuedAt})
 * @param replayed {@code false} if this call stored the number; {@code true} if it was stored
 *                 before, by an earlier or concurrent call with the key in this process or another
 */
public record KeyedIssue(IssuedTrackingNumber issued, boolean replayed) {
    public KeyedIssue {
        java.util.Objects.requireNonNull(issued, "issued");
    }
}
