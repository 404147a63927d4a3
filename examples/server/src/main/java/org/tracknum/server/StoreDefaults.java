package org.tracknum.server;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tracknum.TrackingNumberConfiguration;

/**
 * The server's single default: when {@code tracknum.store} is configured nowhere (system
 * properties, {@code TRACKNUM_*} environment, the {@code --config} / {@code tracknum.config}
 * file), numbers go to an embedded, persistent H2 database under {@code ./data}, so that they stay
 * unique across restarts with no setup. The default is a layer under the user's configuration
 * ({@link TrackingNumberConfiguration#withDefaults}): any setting of the user wins, and nothing is
 * written to system properties.
 *
 * <p>With that default the generator also gets one batching lane (unless {@code tracknum.batch.lanes}
 * is set): H2 commits one transaction at a time, and concurrent transactions cost it about twice the
 * CPU per number (measured: 141 µs per number with 4 lanes, 77 µs with 1, 64 callers), so one lane
 * with batches of up to 64 issues the most numbers per second. Opening the embedded database may
 * include recovering it after a crash, so it may take 10 s (unless
 * {@code tracknum.jdbc.connect-timeout} is set) rather than the 3 s meant for a network database.
 */
final class StoreDefaults {
    static final String STORE = "tracknum.store";
    static final String JDBC_URL = "tracknum.jdbc.url";
    static final String CONFIG = "tracknum.config";
    static final String LANES = "tracknum.batch.lanes";
    static final String CONNECT_TIMEOUT = "tracknum.jdbc.connect-timeout";
    /** H2 closes on our shutdown hook (after in-flight requests), not on its own. */
    static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/tracknum;DB_CLOSE_ON_EXIT=FALSE";
    static final Map<String, String> EMBEDDED = Map.of(STORE, "jdbc", JDBC_URL, DEFAULT_JDBC_URL, LANES, "1",
            CONNECT_TIMEOUT, "10s");

    private StoreDefaults() {
    }

    /** The store the server will use, whether it is the embedded default, and the configuration to build from. */
    record Choice(String store, boolean embeddedDefault, TrackingNumberConfiguration configuration) {
    }

    /**
     * Layers the file given with {@code --config} (as the {@code tracknum.config} default) and, if
     * no store is configured, the embedded default under {@code configured}.
     *
     * @throws IllegalArgumentException if {@code --config} and {@code tracknum.config} name different files
     * @throws org.tracknum.ConfigurationException if the configuration file cannot be read
     */
    static Choice apply(Optional<Path> configFile, TrackingNumberConfiguration configured) {
        TrackingNumberConfiguration configuration = configured;
        if (configFile.isPresent()) {
            Optional<String> named = configured.get(CONFIG);
            if (named.isPresent() && !Path.of(named.get()).equals(configFile.get())) {
                throw new IllegalArgumentException("--config " + configFile.get() + " and " + CONFIG + "="
                        + named.get() + " (TRACKNUM_CONFIG or -D" + CONFIG + ") name different files: give one");
            }
            configuration = configuration.withDefaults(Map.of(CONFIG, configFile.get().toString()));
        }
        Optional<String> store = configuration.get(STORE);
        if (store.isPresent()) {
            return new Choice(store.get().toLowerCase(Locale.ROOT), false, configuration);
        }
        if (configuration.get(JDBC_URL).isPresent()) {
            return new Choice("jdbc", false, configuration.withDefaults(Map.of(STORE, "jdbc")));
        }
        return new Choice("jdbc", true, configuration.withDefaults(EMBEDDED));
    }
}
