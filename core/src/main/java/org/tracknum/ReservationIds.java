package org.tracknum;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-attempt reservation ids: 64 random bits naming this generator instance (so that two
 * processes sharing a store never mint the same id) and a 64-bit sequence. Threads take the
 * sequence in blocks, so the hot path touches no shared counter.
 */
final class ReservationIds {
    private static final int BLOCK = 1024;

    private final long instance = SecureRandomBuffer.current().nextLong(Long.MAX_VALUE) ^ System.nanoTime();
    private final AtomicLong blocks = new AtomicLong();
    private final ThreadLocal<long[]> local = ThreadLocal.withInitial(() -> new long[] {0, 0});

    UUID next() {
        long[] range = local.get(); // {next, end}
        if (range[0] == range[1]) {
            long start = blocks.getAndIncrement() * BLOCK;
            range[0] = start;
            range[1] = start + BLOCK;
        }
        return new UUID(instance, range[0]++);
    }
}
