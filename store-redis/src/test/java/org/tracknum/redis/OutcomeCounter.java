package org.tracknum.redis;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.ReservationStoreContract;

/** Passes calls through to a store (which it never closes) and counts the outcomes per status. */
final class OutcomeCounter extends ReservationStoreContract.KeptOpen {
    private final LongAdder[] counts = new LongAdder[ReservationOutcome.Status.values().length];

    OutcomeCounter(ReservationStore store) {
        super(store);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    long count(ReservationOutcome.Status status) {
        return counts[status.ordinal()].sum();
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        List<ReservationOutcome> outcomes = super.reserve(batch);
        outcomes.forEach(o -> counts[o.status().ordinal()].increment());
        return outcomes;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("reserve outcomes");
        for (ReservationOutcome.Status status : ReservationOutcome.Status.values()) {
            text.append(' ').append(status).append('=').append(count(status));
        }
        return text.toString();
    }
}
