package org.tracknum.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts requests being handled, so that a shutdown lets them finish (and write their answer)
 * before connections are closed; once closed, new requests are turned away.
 */
final class RequestGate {
    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean closed;

    /** True if the request may proceed; it must then call {@link #leave()}. */
    boolean enter() {
        inside.incrementAndGet();
        if (closed) {
            inside.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave() {
        inside.decrementAndGet();
    }

    boolean isClosed() {
        return closed;
    }

    /** Turns new requests away and waits for those inside; false if some were still inside at the timeout. */
    boolean close(Duration timeout) {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inside.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(2_000_000);
        }
        return true;
    }
}
