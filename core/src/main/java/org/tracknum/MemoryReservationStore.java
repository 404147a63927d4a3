package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * Keeps numbers in a {@link ConcurrentHashMap} of this process. Unique within the process, lost
 * when it exits: for tests and for single-process use where numbers need not survive a restart.
 * Selected by {@code tracknum.store=memory}.
 */
public final class MemoryReservationStore implements ReservationStore {
    private final ConcurrentHashMap<String, Reservation> numbers = new ConcurrentHashMap<>();

    public MemoryReservationStore() {
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        if (batch.size() == 1) {
            return List.of(reserve(batch.get(0)));
        }
        List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
        for (Reservation reservation : batch) {
            outcomes.add(reserve(reservation));
        }
        return outcomes;
    }

    private ReservationOutcome reserve(Reservation reservation) {
        Reservation holder = numbers.putIfAbsent(reservation.trackingNumber(), reservation);
        return holder == null || holder.reservationId().equals(reservation.reservationId())
                ? ReservationOutcome.RESERVED
                : ReservationOutcome.TAKEN;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        List<ReservationOutcome> outcomes = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            Reservation holder = numbers.get(reservation.trackingNumber());
            outcomes.add(holder != null && holder.reservationId().equals(reservation.reservationId())
                    ? ReservationOutcome.RESERVED
                    : ReservationOutcome.TAKEN);
        }
        return outcomes;
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        Reservation holder = numbers.get(trackingNumber);
        return holder == null ? Optional.empty() : Optional.of(holder.toIssued());
    }

    @Override
    public void ping() {
        // always reachable
    }

    /** How many numbers are held. */
    public int size() {
        return numbers.size();
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Keeps the numbers: a closed memory store can still be read by {@link #find}. */
    @Override
    public void close() {
        // nothing to release
    }
}
