package org.tracknum.testkit;

import org.tracknum.MemoryReservationStore;
import org.tracknum.spi.ReservationStore;

/** The memory store keeps idempotency keys, so it runs the whole contract with the key cases. */
class MemoryReservationStoreContractTest extends IdempotencyContract {
    @Override
    protected ReservationStore newStore() {
        return new MemoryReservationStore();
    }
}
