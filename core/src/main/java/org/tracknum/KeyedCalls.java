package org.tracknum;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tracknum.spi.ReservationOutcome;

/**
 * Calls of one generator with the same (customer, idempotency key): the first goes to the store,
 * later ones wait for it (within their own budget) and then compare their request with the number
 * it got, so that a burst of retries costs one store write. Across processes the store decides
 * ({@link ReservationOutcome.Status#KEY_HELD}); this only spares the round trips and makes
 * "still in flight" certain within the process.
 */
final class KeyedCalls {
    private record Scope(UUID customerId, String key) {
    }

    private static final class Call {
        final CountDownLatch done = new CountDownLatch(1);
        volatile IssuedTrackingNumber result;
    }

    private final ConcurrentHashMap<Scope, Call> calls = new ConcurrentHashMap<>();
    private final DefaultTrackingNumberGenerator generator;

    KeyedCalls(DefaultTrackingNumberGenerator generator) {
        this.generator = generator;
    }

    KeyedIssue issue(ShipmentRequest request, String key, long start, long deadline) {
        Scope scope = new Scope(request.customerId(), key);
        while (true) {
            Call mine = new Call();
            Call first = calls.putIfAbsent(scope, mine);
            if (first == null) {
                try {
                    KeyedIssue issued = settle(request, key, start, deadline);
                    mine.result = issued.issued();
                    return issued;
                } finally {
                    calls.remove(scope, mine);
                    mine.done.countDown();
                }
            }
            if (!awaitUninterruptibly(first.done, deadline - System.nanoTime())) {
                throw new IdempotencyKeyInFlightException(key, " (the first call with it in this process has not"
                        + " finished within the retry budget)", null);
            }
            IssuedTrackingNumber result = first.result;
            if (result != null) {
                return new KeyedIssue(generator.replay(request, key, result, start), true);
            }
            // The first call failed: this one tries itself, within what is left of its budget.
        }
    }

    /**
     * The keyed call's loop. When its budget ends on a store that answers, the key's write was
     * held up by another unfinished call (another process's transaction on the key): the number
     * it stored in the meantime is returned, or else the key is reported in flight.
     */
    private KeyedIssue settle(ShipmentRequest request, String key, long start, long deadline) {
        try {
            return generator.issue(request, key, start, deadline);
        } catch (CallInterruptedException interrupted) {
            throw interrupted; // the caller asked to stop: no further store call
        } catch (StoreUnavailableException unavailable) {
            if (!generator.isStoreReachable()) {
                throw unavailable;
            }
            Optional<IssuedTrackingNumber> stored;
            try {
                stored = generator.store().findByIdempotencyKey(request.customerId(), key);
            } catch (RuntimeException e) {
                unavailable.addSuppressed(e);
                throw unavailable;
            }
            if (stored.isPresent()) {
                return new KeyedIssue(generator.replay(request, key, stored.get(), start), true);
            }
            throw IdempotencyKeyInFlightException.writeHeldUp(key, unavailable);
        }
    }

    /** An interrupt is remembered and restored, not obeyed (as the lanes do). */
    private static boolean awaitUninterruptibly(CountDownLatch latch, long nanos) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + nanos;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return latch.getCount() == 0;
                }
                try {
                    return latch.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
