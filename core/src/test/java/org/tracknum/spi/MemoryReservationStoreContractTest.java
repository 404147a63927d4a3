package org.tracknum.spi;

import org.tracknum.MemoryReservationStore;

class MemoryReservationStoreContractTest extends ReservationStoreContract {
    @Override
    protected ReservationStore newStore() {
        return new MemoryReservationStore();
    }
}
