package org.tracknum;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shields the generator from a user's listener: an exception there is logged at DEBUG and ignored. */
final class GuardedListener implements TrackingNumberListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    /** The default: no listener. The generator then skips measuring durations. */
    static final TrackingNumberListener NONE = new TrackingNumberListener() {
    };

    private final TrackingNumberListener delegate;

    GuardedListener(TrackingNumberListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void issued(Duration elapsed) {
        try {
            delegate.issued(elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    @Override
    public void replayed(Duration elapsed) {
        try {
            delegate.replayed(elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    @Override
    public void collision(Duration elapsed) {
        try {
            delegate.collision(elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    @Override
    public void retry(int attempt, Duration elapsed) {
        try {
            delegate.retry(attempt, elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    @Override
    public void burned(Duration elapsed) {
        try {
            delegate.burned(elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    @Override
    public void failure(TrackingNumberException failure, Duration elapsed) {
        try {
            delegate.failure(failure, elapsed);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    private static void ignored(RuntimeException e) {
        LOG.debug("tracking number listener failed; ignored", e);
    }
}
