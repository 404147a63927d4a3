package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoreFailure;

/**
 * A real {@link MemoryReservationStore} with failures injected in front of it, per reservation,
 * as a store would report them: a transient failure writes nothing; an ambiguous one may or may
 * not have written; a fatal one writes nothing. Used to drive the generator's retry and ownership
 * logic; the real stores' own fault tests kill real servers.
 */
class ScriptedFaultStore implements ReservationStore {

    enum Fault { NONE, TRANSIENT, AMBIGUOUS_WRITTEN, AMBIGUOUS_LOST, FATAL, THROW_WRITTEN }

    final MemoryReservationStore memory = new MemoryReservationStore();
    final ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    final AtomicInteger verifyCalls = new AtomicInteger();
    volatile Function<Reservation, Fault> reserveFaults = r -> Fault.NONE;
    volatile Function<Reservation, Fault> verifyFaults = r -> Fault.NONE;
    volatile long delayNanosPerBatch;
    volatile boolean findFails;
    volatile boolean closed;
    /** Whether to declare key support (the memory store behind keeps keys either way). */
    volatile boolean keys;
    /** Whether {@link #ping} fails, as a store that is down. */
    volatile boolean down;

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        batchSizes.add(batch.size());
        if (delayNanosPerBatch > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(delayNanosPerBatch);
        }
        List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
        for (Reservation r : batch) {
            Fault fault = reserveFaults.apply(r);
            switch (fault) {
                case NONE:
                    outcomes.add(memory.reserve(List.of(r)).get(0));
                    break;
                case TRANSIENT:
                    outcomes.add(ReservationOutcome.transientFailure(new IllegalStateException("injected transient")));
                    break;
                case AMBIGUOUS_WRITTEN:
                    memory.reserve(List.of(r));
                    outcomes.add(ReservationOutcome.ambiguous(new IllegalStateException("injected ambiguous")));
                    break;
                case AMBIGUOUS_LOST:
                    outcomes.add(ReservationOutcome.ambiguous(new IllegalStateException("injected ambiguous")));
                    break;
                case FATAL:
                    outcomes.add(ReservationOutcome.fatal(new IllegalStateException("injected fatal")));
                    break;
                case THROW_WRITTEN:
                    memory.reserve(batch);
                    throw new IllegalStateException("injected unexpected exception");
                default:
                    throw new AssertionError(fault);
            }
        }
        return outcomes;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        verifyCalls.incrementAndGet();
        for (Reservation r : reservations) {
            Fault fault = verifyFaults.apply(r);
            if (fault == Fault.TRANSIENT) {
                throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "injected verify failure", null);
            }
            if (fault == Fault.FATAL) {
                throw new StoreFailure(ReservationOutcome.Status.FATAL, "injected verify failure", null);
            }
        }
        return memory.verify(reservations);
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        if (findFails) {
            throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "injected find failure", null);
        }
        return memory.find(trackingNumber);
    }

    @Override
    public boolean supportsIdempotencyKeys() {
        return keys;
    }

    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(java.util.UUID customerId, String idempotencyKey) {
        if (down) {
            throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "injected: store down", null);
        }
        return memory.findByIdempotencyKey(customerId, idempotencyKey);
    }

    @Override
    public void ping() {
        if (down) {
            throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "injected: store down", null);
        }
    }

    @Override
    public String describe() {
        return "scripted-faults";
    }

    @Override
    public void close() {
        closed = true;
    }
}
