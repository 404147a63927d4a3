package org.tracknum.testkit;

import org.tracknum.MemoryReservationStore;
import org.tracknum.spi.ReservationStore;

/** The memory store keeps idempotency keys, so it runs the whole contract with the key cases. */
class MemoryReservationStoreContractTest extends IdempotencyContract {
    @Override
    protected ReservationStore newStore() {
        return new MemoryReservationStore();
    }

    /**
     * Never: the store keeps Java objects that only this process hands it, through the SPI; there
     * is no storage another program could write or that could be corrupted, so no foreign record.
     */
    @Override
    protected boolean plantForeignRecord(String number, ForeignRecord kind) {
        return false;
    }
}
