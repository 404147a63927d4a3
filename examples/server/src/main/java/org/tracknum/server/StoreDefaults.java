package org.tracknum.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The server's single default: when {@code tracknum.store} is configured nowhere (system
 * properties, {@code TRACKNUM_*} environment, the {@code --config} / {@code tracknum.config}
 * file), numbers go to an embedded, persistent H2 database under {@code ./data}, so that they stay
 * unique across restarts with no setup. The library then reads everything through
 * {@link org.tracknum.TrackingNumberGenerator#fromEnvironment()}, with its usual precedence.
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

    private StoreDefaults() {
    }

    /** The store the server will use, and whether it is the embedded default. */
    record Choice(String store, boolean embeddedDefault) {
    }

    /**
     * Points {@code tracknum.config} at {@code configFile} if given, and adds the embedded default
     * to {@code system} if no store is configured.
     */
    static Choice apply(Optional<Path> configFile, Properties system, Map<String, String> environment) {
        configFile.ifPresent(file -> system.setProperty(CONFIG, file.toString()));
        Properties file = configFile(system, environment);
        String store = lookUp(STORE, system, environment, file);
        if (store != null) {
            return new Choice(store.strip().toLowerCase(Locale.ROOT), false);
        }
        system.setProperty(STORE, "jdbc");
        if (lookUp(JDBC_URL, system, environment, file) == null) {
            system.setProperty(JDBC_URL, DEFAULT_JDBC_URL);
            setIfAbsent(LANES, "1", system, environment, file);
            setIfAbsent(CONNECT_TIMEOUT, "10s", system, environment, file);
            return new Choice("jdbc", true);
        }
        return new Choice("jdbc", false);
    }

    private static void setIfAbsent(String key, String value, Properties system, Map<String, String> environment,
                                    Properties file) {
        if (lookUp(key, system, environment, file) == null) {
            system.setProperty(key, value);
        }
    }

    /** The value of {@code key} by the library's precedence, or null if absent or blank. */
    private static String lookUp(String key, Properties system, Map<String, String> environment, Properties file) {
        for (String value : new String[] {system.getProperty(key), environment.get(environmentName(key)),
                file.getProperty(key)}) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The properties file named by configuration, or empty; a bad file is reported by the library. */
    private static Properties configFile(Properties system, Map<String, String> environment) {
        Properties file = new Properties();
        String name = lookUp(CONFIG, system, environment, new Properties());
        if (name != null) {
            try (InputStream in = Files.newInputStream(Path.of(name.strip()))) {
                file.load(in);
            } catch (IOException | RuntimeException e) {
                return new Properties();
            }
        }
        return file;
    }

    /** {@code tracknum.jdbc.url} → {@code TRACKNUM_JDBC_URL}, as the library maps them. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
