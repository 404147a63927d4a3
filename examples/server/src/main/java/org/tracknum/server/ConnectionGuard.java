package org.tracknum.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Two bounds Jetty does not have in this form. The connection cap: a connection opened beyond
 * {@code max-connections} is closed at once (the ones already open keep working). The header
 * deadline: a connection whose current request line and headers started arriving more than
 * {@code header-timeout} ago and are still incomplete is closed, so a client that trickles its
 * headers a byte at a time holds a connection for seconds, not forever (Jetty's idle timeout
 * restarts with every byte). Checked every {@link #SWEEP_MILLIS} ms on the server's timer thread.
 */
final class ConnectionGuard implements Connection.Listener {
    static final long SWEEP_MILLIS = 250;

    private final int maxConnections;
    private final long headerTimeoutNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();
    private volatile ScheduledFuture<?> sweeping;

    ConnectionGuard(int maxConnections, long headerTimeoutNanos) {
        this.maxConnections = maxConnections;
        this.headerTimeoutNanos = headerTimeoutNanos;
    }

    @Override
    public void onOpened(Connection connection) {
        if (open.incrementAndGet() > maxConnections) {
            refused.incrementAndGet();
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
    }

    /** Starts closing connections whose headers are late. */
    void start(AbstractConnector connector, ScheduledExecutorService timer) {
        sweeping = timer.scheduleWithFixedDelay(() -> sweep(connector), SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> task = sweeping;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void sweep(AbstractConnector connector) {
        long now = System.nanoTime();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (endPoint.getConnection() instanceof HttpConnection http) {
                HttpParser parser = http.getParser();
                // Read without the connection's lock: at worst a connection is looked at again 250 ms later.
                if (!parser.isStart() && parser.inHeaderState() && now - parser.getBeginNanoTime() > headerTimeoutNanos) {
                    cutOff.incrementAndGet();
                    endPoint.close();
                }
            }
        }
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** Connections closed at once because the cap was reached. */
    long refused() {
        return refused.get();
    }

    /** Connections closed because their request line and headers were not complete in time. */
    long cutOff() {
        return cutOff.get();
    }
}
