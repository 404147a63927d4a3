package org.tracknum.spring;

import java.time.Duration;
import java.util.List;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberListener;

/** Every {@link TrackingNumberListener} bean of the application, in bean order. */
final class CompositeListener implements TrackingNumberListener {
    private final TrackingNumberListener[] listeners;

    private CompositeListener(List<TrackingNumberListener> listeners) {
        this.listeners = listeners.toArray(TrackingNumberListener[]::new);
    }

    /** The one listener itself, or all of them in one. */
    static TrackingNumberListener of(List<TrackingNumberListener> listeners) {
        return listeners.size() == 1 ? listeners.get(0) : new CompositeListener(listeners);
    }

    @Override
    public void issued(Duration elapsed) {
        for (TrackingNumberListener l : listeners) {
            l.issued(elapsed);
        }
    }

    @Override
    public void collision(Duration elapsed) {
        for (TrackingNumberListener l : listeners) {
            l.collision(elapsed);
        }
    }

    @Override
    public void retry(int attempt, Duration elapsed) {
        for (TrackingNumberListener l : listeners) {
            l.retry(attempt, elapsed);
        }
    }

    @Override
    public void burned(Duration elapsed) {
        for (TrackingNumberListener l : listeners) {
            l.burned(elapsed);
        }
    }

    @Override
    public void failure(TrackingNumberException failure, Duration elapsed) {
        for (TrackingNumberListener l : listeners) {
            l.failure(failure, elapsed);
        }
    }
}
