package org.tracknum;

/**
 * Too many consecutive candidates were already taken: the format's number space is (nearly) full
 * for this route. The message names the format, its capacity and how many attempts failed.
 */
public class NumberSpaceExhaustedException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    public NumberSpaceExhaustedException(String message) {
        super(message);
    }
}
