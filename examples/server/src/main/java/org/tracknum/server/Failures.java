package org.tracknum.server;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.StoreUnavailableException;

/**
 * Turns a failed call into its answer: {@code 503} with {@code Retry-After} when the store is
 * unavailable (or the server is stopping), else {@code 500} with a fixed body. The cause is
 * logged here, never sent to the client; logs carry no request data (the library's messages have
 * none). Store outages are logged at most once per interval, not once per request.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final RequestGate gate;
    private final AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL_NANOS);
    private final AtomicLong outagesSinceLog = new AtomicLong();

    Failures(RequestGate gate) {
        this.gate = gate;
    }

    static Reply shuttingDown() {
        return Reply.detail(503, "The server is shutting down; retry later.").with("Retry-After", "1");
    }

    Reply reply(RuntimeException e) {
        if (e instanceof StoreUnavailableException) {
            logOutage((StoreUnavailableException) e);
            return Reply.detail(503, "The tracking number store is unavailable; retry later.")
                    .with("Retry-After", "1");
        }
        if (e instanceof IllegalStateException && gate.isClosed()) {
            return shuttingDown();
        }
        LOG.error("request failed with an internal error", e);
        return Reply.detail(500, "Internal server error.");
    }

    private void logOutage(StoreUnavailableException e) {
        long count = outagesSinceLog.incrementAndGet();
        long last = lastOutageLog.get();
        long now = System.nanoTime();
        if (now - last >= OUTAGE_LOG_INTERVAL_NANOS && lastOutageLog.compareAndSet(last, now)) {
            outagesSinceLog.addAndGet(-count);
            LOG.warn("store unavailable, answering 503 ({} requests since the last report): {}", count,
                    e.getMessage());
        }
    }
}
