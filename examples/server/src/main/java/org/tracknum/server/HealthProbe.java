package org.tracknum.server;

import java.util.function.BooleanSupplier;

/**
 * The store's reachability for {@code /health}, pinged at most once per interval however often
 * health is asked: a fresh result is answered from memory; when it is stale, one caller pings and
 * callers arriving meanwhile wait for that ping rather than starting their own. A request that the
 * store answered counts as a successful ping, one it failed as a failed ping: the latest evidence wins.
 */
final class HealthProbe {
    private final BooleanSupplier ping;
    private final long intervalNanos;
    private final Object pingLock = new Object();
    private volatile Result last;

    private record Result(boolean reachable, long atNanos) {
    }

    HealthProbe(BooleanSupplier ping, long intervalNanos) {
        this.ping = ping;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Records that the store just answered a real request (a number issued or looked up): that is
     * as good as a ping, so health needs none for another interval.
     */
    void storeAnswered() {
        Result result = last;
        long now = System.nanoTime();
        if (result == null || !result.reachable || now - result.atNanos > intervalNanos / 4) {
            last = new Result(true, now);
        }
    }

    /** Records that the store just failed a real request: as good as a failed ping. */
    void storeFailed() {
        last = new Result(false, System.nanoTime());
    }

    /** The last result if it is younger than the interval, else null: the caller must {@link #probe()}. */
    Boolean fresh() {
        Result result = last;
        return result != null && System.nanoTime() - result.atNanos < intervalNanos ? result.reachable : null;
    }

    /** Pings unless another caller did within the interval (blocks while another ping runs). */
    boolean probe() {
        synchronized (pingLock) {
            Boolean fresh = fresh();
            if (fresh != null) {
                return fresh;
            }
            boolean reachable;
            try {
                reachable = ping.getAsBoolean();
            } catch (RuntimeException e) {
                reachable = false;
            }
            last = new Result(reachable, System.nanoTime());
            return reachable;
        }
    }
}
