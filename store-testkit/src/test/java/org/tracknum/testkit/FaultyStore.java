package org.tracknum.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tracknum.MemoryReservationStore;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;

/**
 * A real {@link MemoryReservationStore} behind per-reservation failures as a store reports them:
 * a transient failure writes nothing, an ambiguous one may ({@code AMBIGUOUS_WRITTEN}) or may not
 * ({@code AMBIGUOUS_LOST}) have written. Runs that use it inject
 * only {@code TRANSIENT} and the two ambiguous faults (as core's {@code ScriptedFaultStore} runs did).
 */
final class FaultyStore extends ReservationStoreContract.KeptOpen {
    final MemoryReservationStore memory;
    volatile Function<Reservation, Fault> reserveFaults = r -> Fault.NONE;
    volatile Function<Reservation, Fault> verifyFaults = r -> Fault.NONE;

    FaultyStore() {
        this(new MemoryReservationStore());
    }

    private FaultyStore(MemoryReservationStore memory) {
        super(memory);
        this.memory = memory;
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
        for (Reservation r : batch) {
            Fault fault = reserveFaults.apply(r);
            if (fault == Fault.NONE) {
                outcomes.add(memory.reserve(List.of(r)).get(0));
            } else if (fault == Fault.TRANSIENT) {
                outcomes.add(ReservationOutcome.transientFailure(new IllegalStateException("injected transient")));
            } else if (fault == Fault.AMBIGUOUS_WRITTEN || fault == Fault.AMBIGUOUS_LOST) {
                if (fault == Fault.AMBIGUOUS_WRITTEN) {
                    memory.reserve(List.of(r));
                }
                outcomes.add(ReservationOutcome.ambiguous(new IllegalStateException("injected ambiguous")));
            } else {
                throw new AssertionError("not injected in this run: " + fault);
            }
        }
        return outcomes;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        for (Reservation r : reservations) {
            if (verifyFaults.apply(r) == Fault.TRANSIENT) {
                throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "injected verify failure", null);
            }
        }
        return memory.verify(reservations);
    }

    /** What the store does with one reservation. */
    enum Fault { NONE, TRANSIENT, AMBIGUOUS_WRITTEN, AMBIGUOUS_LOST, FATAL, THROW_WRITTEN }
}
