package org.tracknum;

import java.time.Duration;

/**
 * Observes the generator, for metrics (bind Micrometer or your own counters here). Every method
 * has a no-op default; implementations must be thread-safe, fast and must not throw (an exception
 * from a listener is logged at DEBUG and ignored). {@code elapsed} is measured from the start of
 * the {@code next()} call (for {@code nextAll}, from the start of that call; its events are reported
 * per item, except {@code retry}, once per pause of the whole list, and {@code failure}, once per
 * call). No request data is passed.
 */
public interface TrackingNumberListener {

    /** A number was issued (durable in the store). */
    default void issued(Duration elapsed) {
    }

    /**
     * A call with an idempotency key returned the number already stored under that key (a
     * replay): nothing new was issued.
     */
    default void replayed(Duration elapsed) {
    }

    /** A candidate was already taken; a fresh one will be tried. */
    default void collision(Duration elapsed) {
    }

    /** A transient store failure; the call backs off and retries. {@code attempt} counts from 1. */
    default void retry(int attempt, Duration elapsed) {
    }

    /**
     * The outcome of a write was ambiguous and could not be shown to be ours: the candidate is
     * abandoned for good (never handed to anyone) and a fresh one is tried.
     */
    default void burned(Duration elapsed) {
    }

    /** The call failed with {@code failure} (invalid input is not reported here). */
    default void failure(TrackingNumberException failure, Duration elapsed) {
    }
}
