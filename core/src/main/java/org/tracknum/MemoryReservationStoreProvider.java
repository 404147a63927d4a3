package org.tracknum;

import java.util.Set;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/** {@code tracknum.store=memory}. Public only for {@link java.util.ServiceLoader}. */
public final class MemoryReservationStoreProvider implements ReservationStoreProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String artifact() {
        return "org.tracknum:tracknum-core";
    }

    @Override
    public Set<String> keys() {
        return Set.of();
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        return new MemoryReservationStore();
    }
}
