package org.tracknum.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoreFailure;

/**
 * What the generator does with a keyed call, at store level, so that these tests need nothing
 * from the generator: a fresh reservation (new id, random candidate) per attempt, TAKEN → a fresh
 * candidate with the same key, TRANSIENT → the same reservation again, AMBIGUOUS → verify until it
 * answers, KEY_HELD → the stored number if its request is the caller's (else {@link Conflict}).
 * Every candidate it tried is kept, so that a test can check which of them are stored.
 */
final class KeyedCaller {
    private final ReservationStore store;
    private final Duration budget;
    private final Queue<String> tried = new ConcurrentLinkedQueue<>();

    KeyedCaller(ReservationStore store, Duration budget) {
        this.store = store;
        this.budget = budget;
    }

    /** The key names another request's number. */
    static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IssuedTrackingNumber existing;

        Conflict(IssuedTrackingNumber existing) {
            super("idempotency key already names " + existing.trackingNumber() + " for another request");
            this.existing = existing;
        }
    }

    /** The budget ended: like the generator's StoreUnavailableException. */
    static final class GaveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GaveUp(Throwable cause) {
            super("gave up after the retry budget", cause);
        }
    }

    /** Every candidate this caller put into a reservation. */
    Queue<String> tried() {
        return tried;
    }

    static String randomNumber() {
        StringBuilder number = new StringBuilder(16);
        String symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < 16; i++) {
            number.append(symbols.charAt(ThreadLocalRandom.current().nextInt(symbols.length())));
        }
        return number.toString();
    }

    Reservation fresh(ShipmentRequest request, String key) {
        String number = randomNumber();
        tried.add(number);
        return new Reservation(UUID.randomUUID(), number, request, Instant.now().truncatedTo(ChronoUnit.MICROS), key);
    }

    IssuedTrackingNumber issue(ShipmentRequest request, String key) {
        long deadline = System.nanoTime() + budget.toNanos();
        Reservation reservation = fresh(request, key);
        boolean verifying = false;
        while (true) {
            ReservationOutcome outcome = call(reservation, verifying);
            switch (outcome.status()) {
                case RESERVED:
                    return reservation.toIssued();
                case KEY_HELD:
                    if (!outcome.existing().request().equals(request)) {
                        throw new Conflict(outcome.existing());
                    }
                    return outcome.existing();
                case TAKEN:
                    reservation = fresh(request, key);
                    verifying = false;
                    break;
                case FATAL:
                    throw new IllegalStateException("fatal store outcome", outcome.cause());
                case AMBIGUOUS:
                    verifying = true;
                    pause(deadline, outcome.cause());
                    break;
                case TRANSIENT:
                default:
                    pause(deadline, outcome.cause());
            }
        }
    }

    private ReservationOutcome call(Reservation reservation, boolean verifying) {
        try {
            List<Reservation> one = List.of(reservation);
            return (verifying ? store.verify(one) : store.reserve(one)).get(0);
        } catch (StoreFailure e) {
            return ReservationOutcome.of(e);
        } catch (RuntimeException e) {
            return ReservationOutcome.ambiguous(e);
        }
    }

    private static void pause(long deadline, Throwable cause) {
        if (System.nanoTime() + 20_000_000L > deadline) {
            throw new GaveUp(cause);
        }
        RedisServer.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(5, 20)));
    }
}
