package org.tracknum.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.StoreUnavailableException;

/**
 * Turns a failed call into its answer: {@code 503} with {@code Retry-After} when the store is
 * unavailable (or the server is stopping), {@code 507} when a route's number space is exhausted,
 * else {@code 500} with a fixed body. The cause is logged here, never sent to the client; logs carry
 * no request data (the library's messages have none). Each kind of failure is logged at most once
 * per interval (store outages every 10 s, internal errors with their stack trace once a minute per
 * exception type and throwing place), with the count of the ones not logged since.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final long INTERNAL_LOG_INTERVAL_NANOS = 60_000_000_000L;
    /** Distinct internal-error kinds remembered; beyond it they share one entry, so memory stays bounded. */
    private static final int MAX_KINDS = 256;
    static final String INTERNAL_ERROR_BODY = "{\"detail\":\"Internal server error.\"}";

    private final RequestGate gate;
    private final RateLimitedLog outages = new RateLimitedLog(OUTAGE_LOG_INTERVAL_NANOS);
    private final RateLimitedLog exhausted = new RateLimitedLog(OUTAGE_LOG_INTERVAL_NANOS);
    private final Map<String, RateLimitedLog> internal = new ConcurrentHashMap<>();
    private final AtomicLong internalErrors = new AtomicLong();

    Failures(RequestGate gate) {
        this.gate = gate;
    }

    static Reply shuttingDown() {
        return ErrorCode.SHUTTING_DOWN.reply().with("Retry-After", "1");
    }

    static Reply internalError() {
        return new Reply(500, Map.of(), INTERNAL_ERROR_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** How many 500 answers were given since the start. */
    long internalErrors() {
        return internalErrors.get();
    }

    Reply reply(Throwable e) {
        if (e instanceof StoreUnavailableException) {
            long skipped = outages.tryLog();
            if (skipped >= 0) {
                LOG.warn("store unavailable, answering 503 ({} more since the last report): {}", skipped,
                        e.getMessage());
            }
            return ErrorCode.STORE_UNAVAILABLE.reply().with("Retry-After", "1");
        }
        if (e instanceof NumberSpaceExhaustedException) {
            long skipped = exhausted.tryLog();
            if (skipped >= 0) {
                LOG.error("number space exhausted, answering 507 ({} more since the last report): {}", skipped,
                        e.getMessage());
            }
            return ErrorCode.NUMBER_SPACE_EXHAUSTED.reply();
        }
        if (e instanceof IllegalStateException && gate.isClosed()) {
            return shuttingDown();
        }
        internalErrors.incrementAndGet();
        String kind = kind(e);
        RateLimitedLog log = internal.size() < MAX_KINDS
                ? internal.computeIfAbsent(kind, k -> new RateLimitedLog(INTERNAL_LOG_INTERVAL_NANOS))
                : internal.computeIfAbsent("other", k -> new RateLimitedLog(INTERNAL_LOG_INTERVAL_NANOS));
        long skipped = log.tryLog();
        if (skipped >= 0) {
            LOG.error("request failed with an internal error ({} more of this kind in the last minute)", skipped, e);
        }
        return internalError();
    }

    /** Exception type and the place it was thrown: one log line per minute for each. */
    private static String kind(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass().getName() + (trace.length > 0 ? "@" + trace[0] : "");
    }

    /** Lets one report through per interval; counts the others. */
    static final class RateLimitedLog {
        private final long intervalNanos;
        private final AtomicLong last;
        private final AtomicLong suppressed = new AtomicLong();

        RateLimitedLog(long intervalNanos) {
            this.intervalNanos = intervalNanos;
            this.last = new AtomicLong(System.nanoTime() - intervalNanos);
        }

        /** The number of reports suppressed since the last one if this one may be logged, else -1. */
        long tryLog() {
            long now = System.nanoTime();
            long previous = last.get();
            if (now - previous >= intervalNanos && last.compareAndSet(previous, now)) {
                return suppressed.getAndSet(0);
            }
            suppressed.incrementAndGet();
            return -1;
        }
    }
}
