package org.tracknum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/**
 * {@code tracknum.*} configuration: finds the store provider, checks every key, and builds the
 * generator. Every problem is a {@link ConfigurationException} naming the key, raised before any
 * number is issued.
 */
final class GeneratorConfiguration {
    static final String STORE = "tracknum.store";
    static final String CONFIG_FILE = "tracknum.config";
    static final String MAX_COLLISIONS = "tracknum.retry.max-collisions";
    static final String BUDGET = "tracknum.retry.budget";
    static final String INITIAL_BACKOFF = "tracknum.retry.initial-backoff";
    static final String MAX_BACKOFF = "tracknum.retry.max-backoff";
    static final String LANES = "tracknum.batch.lanes";
    static final String MAX_BATCH = "tracknum.batch.max-size";
    private static final Set<String> CORE_KEYS = Set.of(STORE, CONFIG_FILE, MAX_COLLISIONS, BUDGET,
            INITIAL_BACKOFF, MAX_BACKOFF, LANES, MAX_BATCH);
    /** Environment prefixes that belong to tests and the HTTP server, not to the library. */
    private static final Set<String> FOREIGN_ENV_PREFIXES = Set.of("TRACKNUM_TEST_", "TRACKNUM_HTTP_", "TRACKNUM_SERVER_");

    private final StoreSettings settings;
    private final Map<String, ReservationStoreProvider> providers;

    private GeneratorConfiguration(Map<String, String> values, Map<String, ReservationStoreProvider> providers) {
        this.settings = new StoreSettings(values);
        this.providers = providers;
    }

    static GeneratorConfiguration fromProperties(Properties properties) {
        Map<String, ReservationStoreProvider> providers = loadProviders();
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("tracknum.")) {
                values.put(name, properties.getProperty(name));
            }
        }
        checkKnown(values.keySet(), knownKeys(providers));
        return new GeneratorConfiguration(values, providers);
    }

    static GeneratorConfiguration fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    /** System properties &gt; environment &gt; the optional file named by {@code tracknum.config}. */
    static GeneratorConfiguration fromEnvironment(Properties system, Map<String, String> environment) {
        Map<String, ReservationStoreProvider> providers = loadProviders();
        Set<String> known = knownKeys(providers);
        Map<String, String> fromEnv = environmentValues(environment, known);
        Map<String, String> fromSystem = new HashMap<>();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("tracknum.")) {
                fromSystem.put(name, system.getProperty(name));
            }
        }
        String file = fromSystem.getOrDefault(CONFIG_FILE, fromEnv.get(CONFIG_FILE));
        Map<String, String> values = new TreeMap<>();
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file.strip())));
        }
        values.putAll(fromEnv);
        values.putAll(fromSystem);
        checkKnown(values.keySet(), known);
        return new GeneratorConfiguration(values, providers);
    }

    private static Map<String, String> environmentValues(Map<String, String> environment, Set<String> known) {
        Map<String, String> byEnvName = new HashMap<>();
        for (String key : known) {
            byEnvName.put(environmentName(key), key);
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("TRACKNUM_") || FOREIGN_ENV_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            String key = byEnvName.get(name);
            if (key == null) {
                throw new ConfigurationException("unknown environment variable " + name + ": known ones are "
                        + new TreeSet<>(byEnvName.keySet()));
            }
            values.put(key, e.getValue());
        }
        return values;
    }

    /** {@code tracknum.jdbc.url} → {@code TRACKNUM_JDBC_URL}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException(CONFIG_FILE + "=" + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("tracknum.")) {
                throw new ConfigurationException("key " + name + " in " + file
                        + " is not a Tracknum setting: keys start with tracknum.");
            }
            values.put(name, properties.getProperty(name));
        }
        return values;
    }

    private static Map<String, ReservationStoreProvider> loadProviders() {
        Map<String, ReservationStoreProvider> providers = new TreeMap<>();
        for (ReservationStoreProvider provider : ServiceLoader.load(ReservationStoreProvider.class,
                GeneratorConfiguration.class.getClassLoader())) {
            providers.put(provider.name(), provider);
        }
        return providers;
    }

    private static Set<String> knownKeys(Map<String, ReservationStoreProvider> providers) {
        Set<String> known = new TreeSet<>(CORE_KEYS);
        known.addAll(FormatConfiguration.KEYS);
        providers.values().forEach(p -> known.addAll(p.keys()));
        return known;
    }

    private static void checkKnown(Set<String> keys, Set<String> known) {
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new ConfigurationException("unknown configuration key " + key + ": known keys are " + known
                        + " (a store's keys are known once its module is on the classpath)");
            }
        }
    }

    /** The settings, for callers that need to read them (e.g. the HTTP server); values may be secrets. */
    StoreSettings settings() {
        return settings;
    }

    TrackingNumberGenerator build() {
        String name = settings.require(STORE, "memory, jdbc or redis");
        ReservationStoreProvider provider = providers.get(name.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new ConfigurationException(STORE + "=" + name + " is not available: " + missingStoreHint(name)
                    + " (installed stores: " + providers.keySet() + ")");
        }
        TrackingNumberGenerator.Builder builder = TrackingNumberGenerator.builder()
                .format(FormatConfiguration.parse(settings))
                .retryPolicy(retryPolicy())
                .lanes(settings.getInt(LANES, 2, 1, 256))
                .maxBatchSize(settings.getInt(MAX_BATCH, 64, 1, 10_000));
        ReservationStore store = provider.create(settings);
        try {
            return builder.store(store).build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private RetryPolicy retryPolicy() {
        RetryPolicy defaults = RetryPolicy.defaults();
        Duration max = Duration.ofHours(1);
        Duration min = Duration.ofMillis(1);
        try {
            return RetryPolicy.builder()
                    .maxCollisions(settings.getInt(MAX_COLLISIONS, defaults.maxCollisions(), 1, 10_000_000))
                    .budget(settings.getDuration(BUDGET, defaults.budget(), min, max))
                    .initialBackoff(settings.getDuration(INITIAL_BACKOFF, defaults.initialBackoff(), min, max))
                    .maxBackoff(settings.getDuration(MAX_BACKOFF, defaults.maxBackoff(), min, max))
                    .build();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("tracknum.retry.*: " + e.getMessage(), e);
        }
    }

    private static String missingStoreHint(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "jdbc":
                return "add the dependency org.tracknum:tracknum-store-jdbc (and your JDBC driver)";
            case "redis":
                return "add the dependency org.tracknum:tracknum-store-redis";
            default:
                return "unknown store name, expected memory, jdbc or redis";
        }
    }
}
