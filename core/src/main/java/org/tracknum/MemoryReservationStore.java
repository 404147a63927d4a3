package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoreFailure;

/**
 * Keeps numbers in memory of this process. Unique within the process, lost when it exits: for
 * tests and for single-process use where numbers need not survive a restart. Selected by
 * {@code tracknum.store=memory}.
 *
 * <p>Numbers are spread over {@value #STRIPES} independently locked hash tables of primitive
 * arrays (see {@code NumberSlots}): a held number costs 52 to 104 bytes (its slot, at 3/8 to 3/4
 * load) and no object of its own besides the request it was issued for, so that a large store
 * costs the garbage collector nothing to copy.
 */
public final class MemoryReservationStore implements ReservationStore {
    private static final int STRIPES = 64;

    private final NumberSlots[] stripes = new NumberSlots[STRIPES];

    public MemoryReservationStore() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new NumberSlots();
        }
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
        String number = reservation.trackingNumber();
        long high = wellFormedHigh(number);
        long low = NumberSlots.low(number);
        long hash = NumberSlots.hash(high, low);
        return stripe(hash).reserve(high, low, hash, reservation) == NumberSlots.OURS
                ? ReservationOutcome.RESERVED
                : ReservationOutcome.TAKEN;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        List<ReservationOutcome> outcomes = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            String number = reservation.trackingNumber();
            long high = wellFormedHigh(number);
            long low = NumberSlots.low(number);
            long hash = NumberSlots.hash(high, low);
            int owner = stripe(hash).owner(high, low, hash, reservation.reservationId());
            outcomes.add(owner == NumberSlots.OURS ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
        }
        return outcomes;
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        long high = NumberSlots.high(trackingNumber);
        if (high == 0) {
            return Optional.empty();
        }
        long low = NumberSlots.low(trackingNumber);
        long hash = NumberSlots.hash(high, low);
        return Optional.ofNullable(stripe(hash).find(high, low, hash, trackingNumber));
    }

    private NumberSlots stripe(long hash) {
        return stripes[(int) (hash >>> 58)];
    }

    private static long wellFormedHigh(String number) {
        long high = NumberSlots.high(number);
        if (high == 0) {
            throw new StoreFailure(ReservationOutcome.Status.FATAL,
                    "memory store: a tracking number must match ^[A-Z0-9]{1,16}$", null);
        }
        return high;
    }

    @Override
    public void ping() {
        // always reachable
    }

    /** How many numbers are held. */
    public int size() {
        int size = 0;
        for (NumberSlots stripe : stripes) {
            size += stripe.size();
        }
        return size;
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
