package org.tracknum.redis;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/** Passes calls through to a store (which it never closes) and counts the outcomes per status. */
final class OutcomeCounter implements ReservationStore {
    private final ReservationStore store;
    private final LongAdder[] counts = new LongAdder[ReservationOutcome.Status.values().length];

    OutcomeCounter(ReservationStore store) {
        this.store = store;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    long count(ReservationOutcome.Status status) {
        return counts[status.ordinal()].sum();
    }

    private List<ReservationOutcome> counted(List<ReservationOutcome> outcomes) {
        outcomes.forEach(o -> counts[o.status().ordinal()].increment());
        return outcomes;
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        return counted(store.reserve(batch));
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        return store.verify(reservations);
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        return store.find(trackingNumber);
    }

    @Override
    public void ping() {
        store.ping();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        // the test closes the store
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
