package org.tracknum;

/**
 * The store could not be reached, or transient failures outlasted the retry budget. No tracking
 * number was handed out by the failed call; a number whose write may have committed is burned
 * (never handed to anyone), so retrying the call is always safe.
 */
public class StoreUnavailableException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
