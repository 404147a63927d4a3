package org.tracknum;

/**
 * The idempotency key was first used with a different request: the same customer's key already
 * names {@link #trackingNumber()}, issued for another shipment (requests are compared after
 * validation and canonicalisation of all seven fields). Nothing new was stored. HTTP: 422.
 *
 * <p>The message names the key and the number, never the customer name or other request data.
 */
public class IdempotencyConflictException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;
    private final String trackingNumber;

    public IdempotencyConflictException(String idempotencyKey, String trackingNumber) {
        super("idempotency key " + idempotencyKey + " was already used for a different request (tracking number "
                + trackingNumber + "): use a new key for a new shipment");
        this.idempotencyKey = idempotencyKey;
        this.trackingNumber = trackingNumber;
    }

    /** Two items of one {@code nextAll} list carry the same key for different requests; nothing was issued. */
    IdempotencyConflictException(String idempotencyKey, int firstIndex, int index) {
        super("idempotency key " + idempotencyKey + " is used by items [" + firstIndex + "] and [" + index
                + "] of the list for different requests: use a new key for each shipment; nothing was issued");
        this.idempotencyKey = idempotencyKey;
        this.trackingNumber = null;
    }

    /** The key that was reused. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /**
     * The number the key already names, or {@code null} when two items of one
     * {@link TrackingNumberGenerator#nextAll(java.util.List, java.util.List) nextAll} list carried
     * the key (then nothing was issued).
     */
    public String trackingNumber() {
        return trackingNumber;
    }
}
