package org.tracknum.spring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * An application's {@link ReservationStore} bean as the generator sees it: everything is the
 * bean's except {@link #close()}, which is left to the container that owns the bean (the generator
 * closes its store; the container closes the bean once, after the generator).
 */
final class ContainerOwnedStore implements ReservationStore {
    private final ReservationStore bean;

    ContainerOwnedStore(ReservationStore bean) {
        this.bean = bean;
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        return bean.reserve(batch);
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        return bean.verify(reservations);
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        return bean.find(trackingNumber);
    }

    @Override
    public boolean supportsIdempotencyKeys() {
        return bean.supportsIdempotencyKeys();
    }

    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        return bean.findByIdempotencyKey(customerId, idempotencyKey);
    }

    @Override
    public void ping() {
        bean.ping();
    }

    @Override
    public String describe() {
        return bean.describe();
    }

    @Override
    public void close() {
        // the container's
    }
}
