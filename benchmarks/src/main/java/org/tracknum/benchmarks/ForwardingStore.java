package org.tracknum.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/** Hands every call to another store; the benchmarks' wrappers override the calls they change. */
abstract class ForwardingStore implements ReservationStore {
    protected final ReservationStore store;

    ForwardingStore(ReservationStore store) {
        this.store = store;
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        return store.reserve(batch);
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
    public boolean supportsIdempotencyKeys() {
        return store.supportsIdempotencyKeys();
    }

    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        return store.findByIdempotencyKey(customerId, idempotencyKey);
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
        store.close();
    }
}
