package org.tracknum.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.BulkLimitExceededException;
import org.tracknum.IdempotencyConflictException;
import org.tracknum.IdempotencyKeyInFlightException;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.PartialIssueException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberException;

/**
 * Turns a failed call into its answer: {@code 503} with {@code Retry-After} when the store is
 * unavailable (or the server is stopping), {@code 507} when a route's number space is exhausted,
 * {@code 422} for an idempotency key used for another request, {@code 409} (with
 * {@code Retry-After}) for a key still in flight, {@code 413} for too long a list, a list's
 * answer with every issued number for a list issued in part, else {@code 500} with a fixed body. The cause is logged here, never sent to the client; logs carry
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
    /** Which code a partly issued list answers with: the first of these that one of its failed items has. */
    private static final List<ErrorCode> PARTIAL_PRECEDENCE = List.of(ErrorCode.STORE_UNAVAILABLE,
            ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, ErrorCode.IDEMPOTENCY_CONFLICT,
            ErrorCode.NUMBER_SPACE_EXHAUSTED, ErrorCode.INTERNAL_ERROR);

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
        if (e instanceof PartialIssueException partial) {
            return partial(partial);
        }
        ErrorCode code = classify(e);
        return switch (code) {
            case INTERNAL_ERROR -> {
                internalErrors.incrementAndGet();
                yield internalError();
            }
            case SHUTTING_DOWN -> shuttingDown();
            case TOO_MANY_SHIPMENTS -> code.reply("The list has " + ((BulkLimitExceededException) e).size()
                    + " shipments; one request may issue at most " + ((BulkLimitExceededException) e).limit()
                    + ": split the list.");
            case IDEMPOTENCY_CONFLICT -> ((IdempotencyConflictException) e).trackingNumber() != null ? code.reply()
                    : code.reply("Two shipments of the list carry the same idempotency_key for different requests;"
                    + " nothing was issued: use a new key for each shipment.");
            default -> withRetryAfter(code, code.reply());
        };
    }

    /**
     * A list issued in part: every issued number by index and every failed item with its code, so
     * that nothing issued is lost to the caller. The status is that of the failure most worth
     * retrying: {@code 503} if the store failed for some items, else {@code 409}, {@code 422},
     * {@code 507}, {@code 500}.
     */
    Reply partial(PartialIssueException e) {
        List<JsonBodies.IssuedItem> issued = new ArrayList<>(e.issued().size());
        e.issued().forEach((index, number) -> issued.add(JsonBodies.IssuedItem.of(index, number)));
        List<JsonBodies.FailedItem> failed = new ArrayList<>(e.failures().size());
        ErrorCode status = null;
        for (Map.Entry<Integer, TrackingNumberException> failure : e.failures().entrySet()) {
            ErrorCode code = classify(failure.getValue());
            failed.add(new JsonBodies.FailedItem(failure.getKey(), code.code));
            if (status == null || PARTIAL_PRECEDENCE.indexOf(code) < PARTIAL_PRECEDENCE.indexOf(status)) {
                status = code;
            }
        }
        if (status == ErrorCode.INTERNAL_ERROR) {
            internalErrors.incrementAndGet();
        }
        String detail = "Issued " + issued.size() + " of " + (issued.size() + failed.size()) + " shipments; "
                + failed.size() + " failed (see failed). Keep the numbers issued; with idempotency keys, retrying the"
                + " whole list returns the same numbers.";
        return withRetryAfter(status, Reply.json(status.status,
                new JsonBodies.PartialIssue(detail, status.code, issued, failed)));
    }

    /** What a failure is, as the code of its answer; logs what the operator must see (rate-limited). */
    ErrorCode classify(Throwable e) {
        if (e instanceof StoreUnavailableException) {
            long skipped = outages.tryLog();
            if (skipped >= 0) {
                LOG.warn("store unavailable, answering 503 ({} more since the last report): {}", skipped,
                        e.getMessage());
            }
            return ErrorCode.STORE_UNAVAILABLE;
        }
        if (e instanceof NumberSpaceExhaustedException) {
            long skipped = exhausted.tryLog();
            if (skipped >= 0) {
                LOG.error("number space exhausted, answering 507 ({} more since the last report): {}", skipped,
                        e.getMessage());
            }
            return ErrorCode.NUMBER_SPACE_EXHAUSTED;
        }
        if (e instanceof IdempotencyConflictException) {
            return ErrorCode.IDEMPOTENCY_CONFLICT;
        }
        if (e instanceof IdempotencyKeyInFlightException) {
            LOG.debug("an idempotency key was still in flight at the end of the retry budget");
            return ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT;
        }
        if (e instanceof BulkLimitExceededException) {
            return ErrorCode.TOO_MANY_SHIPMENTS;
        }
        if (e instanceof IllegalStateException && gate.isClosed()) {
            return ErrorCode.SHUTTING_DOWN;
        }
        String kind = kind(e);
        RateLimitedLog log = internal.size() < MAX_KINDS
                ? internal.computeIfAbsent(kind, k -> new RateLimitedLog(INTERNAL_LOG_INTERVAL_NANOS))
                : internal.computeIfAbsent("other", k -> new RateLimitedLog(INTERNAL_LOG_INTERVAL_NANOS));
        long skipped = log.tryLog();
        if (skipped >= 0) {
            LOG.error("request failed with an internal error ({} more of this kind in the last minute)", skipped, e);
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    /** 503 and 409 say when a retry makes sense. */
    private static Reply withRetryAfter(ErrorCode code, Reply reply) {
        return code.status == 503 || code == ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT ? reply.with("Retry-After", "1")
                : reply;
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
