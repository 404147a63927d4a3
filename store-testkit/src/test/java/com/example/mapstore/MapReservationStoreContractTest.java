package com.example.mapstore;

import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.ForeignRecord;
import org.tracknum.testkit.ReservationStoreContract;

/**
 * What a store author writes to run the whole contract: one subclass that hands over a fresh,
 * empty store per test. This module's POM gives the test nothing but the kit (and core through it).
 */
class MapReservationStoreContractTest extends ReservationStoreContract {
    @Override
    protected ReservationStore newStore() {
        return new MapReservationStore();
    }

    @Override
    protected int numbersPerThread() {
        return 20_000;
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
