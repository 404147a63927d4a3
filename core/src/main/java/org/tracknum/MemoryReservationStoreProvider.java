package org.tracknum;

import java.util.List;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/** {@code tracknum.store=memory}. Public only for {@link java.util.ServiceLoader}. */
public final class MemoryReservationStoreProvider implements ReservationStoreProvider {
    @Override
    public String name() {
        return "memory";
    }

    /** The memory store has no settings. */
    @Override
    public List<TrackingNumberSetting> settings() {
        return List.of();
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        return new MemoryReservationStore();
    }
}
