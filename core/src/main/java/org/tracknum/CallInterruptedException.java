package org.tracknum;

/**
 * The calling thread was interrupted while {@link TrackingNumberGenerator#next} or
 * {@link TrackingNumberGenerator#find} waited to retry a store that had just failed, so the call
 * stopped retrying at once instead of using the rest of the retry budget. The thread's interrupt
 * status is still set when this is thrown.
 *
 * <p>It is a {@link StoreUnavailableException} because it is only ever thrown after the store
 * failed the call at least once, and because the same promise holds: no number was handed out
 * (a number whose write may have committed is burned), so the call can be retried. A call whose
 * write may be in flight is not interrupted: it completes, and the interrupt is restored when it
 * returns.
 */
public class CallInterruptedException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public CallInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
