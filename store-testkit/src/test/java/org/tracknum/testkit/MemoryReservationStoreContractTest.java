package org.tracknum.testkit;

import org.tracknum.MemoryReservationStore;
import org.tracknum.spi.ReservationStore;

class MemoryReservationStoreContractTest extends ReservationStoreContract {
    @Override
    protected ReservationStore newStore() {
        return new MemoryReservationStore();
    }
}
