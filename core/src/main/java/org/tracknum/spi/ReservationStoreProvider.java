package org.tracknum.spi;

import java.util.List;
import org.tracknum.TrackingNumberSetting;

/**
 * Builds a {@link ReservationStore} from {@code tracknum.*} configuration. Registered through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.tracknum.spi.ReservationStoreProvider})
 * under a short name, selected with {@code tracknum.store=<name>}.
 *
 * <p>A provider maps the keys that are present onto its store's builder and leaves defaults,
 * ranges and their messages to the builder (which names the keys, see {@link SettingNames}). The
 * generator's concurrency and retry budget come in {@link StoreSettings#lanes()} and
 * {@link StoreSettings#retryBudget()}; a provider does not read {@code tracknum.batch.*} or
 * {@code tracknum.retry.*} itself.
 */
public interface ReservationStoreProvider {

    /** The short name used in {@code tracknum.store}, e.g. {@code jdbc}. */
    String name();

    /**
     * Every configuration key this store reads, e.g. {@code tracknum.jdbc.url}, with a description
     * and the default its builder applies: these make the store's keys known (an unknown key is
     * refused) and feed {@code TrackingNumberConfiguration.settings()}.
     */
    List<TrackingNumberSetting> settings();

    /**
     * Connects, checks schema and durability, and returns a ready store.
     *
     * @throws org.tracknum.ConfigurationException naming the key, for bad or missing settings
     * @throws org.tracknum.StoreUnavailableException when the store cannot be reached
     */
    ReservationStore create(StoreSettings settings);
}
