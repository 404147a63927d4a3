package org.tracknum;

/**
 * Base of every exception Tracknum throws. Messages never contain request data such as customer
 * names; causes coming from a store are kept for the operator's logs.
 */
public class TrackingNumberException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrackingNumberException(String message) {
        super(message);
    }

    public TrackingNumberException(String message, Throwable cause) {
        super(message, cause);
    }
}
