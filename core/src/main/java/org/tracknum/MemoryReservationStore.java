package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * arrays (see {@code NumberSlots}): a held number costs about 70 to 140 bytes (its 48-byte slot at
 * 3/8 to 3/4 load, and 4 to 8 bytes of a log of requests in issue order) and no object of its own
 * besides the request it was issued for, so that a large store costs the garbage collector
 * nothing to copy.
 *
 * <p>Keeps idempotency keys: a second map from (customer id, key) to the number, which a keyed
 * reservation updates atomically with the number (the number is claimed inside the key's map
 * entry lock, and the key only names a number that is stored).
 */
public final class MemoryReservationStore implements ReservationStore {
    private static final int STRIPES = 64;

    private final NumberSlots[] stripes = new NumberSlots[STRIPES];
    private final ConcurrentHashMap<KeyScope, String> keys = new ConcurrentHashMap<>();

    private record KeyScope(UUID customerId, String idempotencyKey) {
        static KeyScope of(Reservation r) {
            return new KeyScope(r.request().customerId(), r.idempotencyKey());
        }
    }

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
        if (reservation.hasIdempotencyKey()) {
            return reserveKeyed(reservation);
        }
        return claim(reservation) ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN;
    }

    /** Stores the number unless it is held: true if it is ours now. */
    private boolean claim(Reservation reservation) {
        String number = reservation.trackingNumber();
        long high = wellFormedHigh(number);
        long low = NumberSlots.low(number);
        long hash = NumberSlots.hash(high, low);
        return stripe(hash).reserve(high, low, hash, reservation) == NumberSlots.OURS;
    }

    /** Claims the number and binds the key in one step, under the key's map entry lock. */
    private ReservationOutcome reserveKeyed(Reservation reservation) {
        wellFormedHigh(reservation.trackingNumber());
        ReservationOutcome[] outcome = new ReservationOutcome[1];
        keys.compute(KeyScope.of(reservation), (scope, held) -> {
            if (held != null) {
                outcome[0] = heldOutcome(reservation, held);
                return held;
            }
            if (claim(reservation)) {
                outcome[0] = ReservationOutcome.RESERVED;
                return reservation.trackingNumber();
            }
            outcome[0] = ReservationOutcome.TAKEN;
            return null;
        });
        return outcome[0];
    }

    /** The key already names {@code held}: ours (a re-sent reservation) or another number's. */
    private ReservationOutcome heldOutcome(Reservation reservation, String held) {
        if (held.equals(reservation.trackingNumber()) && owns(reservation)) {
            return ReservationOutcome.RESERVED;
        }
        return ReservationOutcome.keyHeld(find(held).orElseThrow());
    }

    private boolean owns(Reservation reservation) {
        String number = reservation.trackingNumber();
        long high = wellFormedHigh(number);
        long low = NumberSlots.low(number);
        long hash = NumberSlots.hash(high, low);
        return stripe(hash).owner(high, low, hash, reservation.reservationId()) == NumberSlots.OURS;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        List<ReservationOutcome> outcomes = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            if (owns(reservation)) {
                outcomes.add(ReservationOutcome.RESERVED);
                continue;
            }
            String held = reservation.hasIdempotencyKey() ? keys.get(KeyScope.of(reservation)) : null;
            outcomes.add(held == null ? ReservationOutcome.TAKEN : ReservationOutcome.keyHeld(find(held).orElseThrow()));
        }
        return outcomes;
    }

    @Override
    public boolean supportsIdempotencyKeys() {
        return true;
    }

    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        String number = keys.get(new KeyScope(customerId, idempotencyKey));
        return number == null ? Optional.empty() : find(number);
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

    /** How many numbers are held (with or without a key). */
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
