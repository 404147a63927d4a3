package org.tracknum.spi;

import java.util.Set;

/**
 * Builds a {@link ReservationStore} from {@code tracknum.*} configuration. Registered through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.tracknum.spi.ReservationStoreProvider})
 * under a short name, selected with {@code tracknum.store=<name>}.
 */
public interface ReservationStoreProvider {

    /** The short name used in {@code tracknum.store}, e.g. {@code jdbc}. */
    String name();

    /** The Maven artifact that holds this provider, for error messages. */
    String artifact();

    /** Every configuration key this store reads, e.g. {@code tracknum.jdbc.url}. */
    Set<String> keys();

    /**
     * Connects, checks schema and durability, and returns a ready store.
     *
     * @throws org.tracknum.ConfigurationException naming the key, for bad or missing settings
     * @throws org.tracknum.StoreUnavailableException when the store cannot be reached
     */
    ReservationStore create(StoreSettings settings);
}
