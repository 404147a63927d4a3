package org.tracknum.redis;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;

/**
 * One batch on its way to Redis: each reservation's key and encoded value, and the outcome slots
 * that routing fills in. A reservation whose request cannot be encoded fails alone, before
 * anything is sent.
 */
final class WriteBatch {
    private final List<Reservation> reservations;
    private final String[] keys;
    private final String[] values;
    private final ReservationOutcome[] outcomes;

    WriteBatch(List<Reservation> reservations, String keyPrefix) {
        int size = reservations.size();
        this.reservations = reservations;
        this.keys = new String[size];
        this.values = new String[size];
        this.outcomes = new ReservationOutcome[size];
        for (int i = 0; i < size; i++) {
            Reservation reservation = reservations.get(i);
            keys[i] = keyPrefix + reservation.trackingNumber();
            try {
                values[i] = StoredValue.encode(reservation);
            } catch (IllegalArgumentException e) {
                outcomes[i] = ReservationOutcome.fatal(new StoreFailure(Status.FATAL,
                        "the request cannot be stored: " + e.getMessage(), null));
            }
        }
    }

    int size() {
        return outcomes.length;
    }

    Reservation reservation(int index) {
        return reservations.get(index);
    }

    String key(int index) {
        return keys[index];
    }

    String value(int index) {
        return values[index];
    }

    /** Indexes of the reservations that still need an outcome. */
    int[] pending() {
        return IntStream.range(0, outcomes.length).filter(i -> outcomes[i] == null).toArray();
    }

    void set(int index, ReservationOutcome outcome) {
        outcomes[index] = outcome;
    }

    ReservationOutcome outcome(int index) {
        return outcomes[index];
    }

    List<ReservationOutcome> outcomes() {
        return List.copyOf(Arrays.asList(outcomes));
    }
}
