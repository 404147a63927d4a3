package org.tracknum.benchmarks;

import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.tracknum.ShipmentRequest;

/**
 * What the idempotency and bulk benchmarks send: a fresh idempotency key per {@code next(request,
 * key)} call (so every call issues, none replays; unique per iteration, whose store is fresh), and
 * one list of {@value #BULK} requests per {@code nextAll} call. Its figure is the 1-thread row
 * (the "nextAll of 10,000 from one thread"); at more threads it measures concurrent lists.
 */
final class BulkLoad {
    static final int BULK = 10_000;

    private final String prefix = "bench-" + UUID.randomUUID() + "-";
    private final AtomicLong counter = new AtomicLong();
    private final List<ShipmentRequest> bulk;

    BulkLoad(ShipmentRequest request) {
        this.bulk = Collections.nCopies(BULK, request);
    }

    String nextKey() {
        return prefix + counter.incrementAndGet();
    }

    List<ShipmentRequest> bulk() {
        return bulk;
    }
}
