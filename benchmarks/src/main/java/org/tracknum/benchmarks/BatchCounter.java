package org.tracknum.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * A pass-through store that counts batches and reservations, for tuning runs
 * ({@code -Dtracknum.bench.count-batches=true}); prints the mean batch size when closed.
 */
final class BatchCounter extends ForwardingStore {
    private final LongAdder batches = new LongAdder();
    private final LongAdder reservations = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    private BatchCounter(ReservationStore store) {
        super(store);
    }

    static ReservationStore wrapIfAsked(ReservationStore store) {
        return Boolean.getBoolean("tracknum.bench.count-batches") ? new BatchCounter(store) : store;
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        batches.increment();
        reservations.add(batch.size());
        long start = System.nanoTime();
        try {
            return store.reserve(batch);
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        long b = batches.sum();
        System.out.printf("%n[batches] %d batches, %d reservations, %.1f per batch, %.3f ms in the store per batch%n",
                b, reservations.sum(), b == 0 ? 0.0 : reservations.sum() / (double) b,
                b == 0 ? 0.0 : nanos.sum() / 1e6 / b);
        store.close();
    }
}
