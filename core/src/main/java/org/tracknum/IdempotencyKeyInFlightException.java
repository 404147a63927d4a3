package org.tracknum;

/**
 * The call's retry budget ended while its idempotency key was held by another call that had not
 * finished: no number was returned, and none will be issued twice for the key. Retry the call
 * later with the same key; it then returns the number the other call issued (or issues one if
 * that call failed). HTTP: 409.
 *
 * <p>Raised when a caller of the same generator waited for the key's first call until the budget
 * ended, and when a keyed write kept failing transiently for the whole budget although the store
 * answers (the typical cause: another process's unfinished transaction holds the key).
 * The message names the key, never request data.
 */
public class IdempotencyKeyInFlightException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    public IdempotencyKeyInFlightException(String idempotencyKey, String detail, Throwable cause) {
        super("idempotency key " + idempotencyKey + " is still held by an unfinished call" + detail
                + ": retry later with the same key", cause);
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The keyed write kept failing transiently for the whole budget on a store that answers, and
     * no number is stored under the key: {@code next} and {@code nextAll} both end so.
     */
    static IdempotencyKeyInFlightException writeHeldUp(String idempotencyKey, StoreUnavailableException cause) {
        return new IdempotencyKeyInFlightException(idempotencyKey, " or could not be written: the store answers, but"
                + " the key's write did not complete within the retry budget", cause);
    }

    /** The key whose first call had not finished. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
