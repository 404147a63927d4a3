package org.tracknum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.SettingNames;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreSettings;

/**
 * Applies a {@link TrackingNumberConfiguration} to a generator builder: maps each core key that is
 * present onto the setter of the builder that owns it (the builders hold the defaults, ranges and
 * messages), and creates the store through the provider named by {@code tracknum.store}, passing
 * it the generator's lanes and retry budget. Also the catalogue of every known key.
 */
final class GeneratorConfiguration {
    static final String STORE = "tracknum.store";
    static final String CONFIG_FILE = "tracknum.config";
    static final String MAX_COLLISIONS = RetryPolicy.Builder.MAX_COLLISIONS_KEY;
    static final String BUDGET = RetryPolicy.Builder.BUDGET_KEY;
    static final String INITIAL_BACKOFF = RetryPolicy.Builder.INITIAL_BACKOFF_KEY;
    static final String MAX_BACKOFF = RetryPolicy.Builder.MAX_BACKOFF_KEY;
    static final String LANES = TrackingNumberGenerator.Builder.LANES_KEY;
    static final String MAX_BATCH = TrackingNumberGenerator.Builder.MAX_BATCH_SIZE_KEY;
    static final String STARTUP_BUDGET = StartupWait.BUDGET_KEY;
    static final String BULK_SIZE = TrackingNumberGenerator.Builder.BULK_SIZE_KEY;
    static final String MAX_BULK = TrackingNumberGenerator.Builder.MAX_BULK_KEY;

    private GeneratorConfiguration() {
    }

    /** {@code tracknum.jdbc.url} → {@code TRACKNUM_JDBC_URL}. */
    static String environmentName(String key) {
        return TrackingNumberSetting.environmentName(key);
    }

    static Map<String, ReservationStoreProvider> providers() {
        Map<String, ReservationStoreProvider> providers = new TreeMap<>();
        for (ReservationStoreProvider provider : ServiceLoader.load(ReservationStoreProvider.class,
                GeneratorConfiguration.class.getClassLoader())) {
            providers.put(provider.name(), provider);
        }
        return providers;
    }

    /** Core's own keys, with the defaults of the builders that own them. */
    static List<TrackingNumberSetting> coreSettings() {
        List<TrackingNumberSetting> settings = new ArrayList<>(List.of(
                TrackingNumberSetting.withoutDefault(STORE, "the store: memory, jdbc or redis (required)"),
                TrackingNumberSetting.withoutDefault(CONFIG_FILE, "a properties file read by fromEnvironment()"
                        + " (lowest precedence)"),
                TrackingNumberSetting.of(MAX_COLLISIONS, "consecutive taken candidates before"
                        + " NumberSpaceExhaustedException", RetryPolicy.Builder.DEFAULT_MAX_COLLISIONS),
                TrackingNumberSetting.of(BUDGET, "time a call may spend on retries (250ms, 5s, PT5S)",
                        StoreSettings.text(RetryPolicy.Builder.DEFAULT_BUDGET)),
                TrackingNumberSetting.of(INITIAL_BACKOFF, "first backoff between retries (exponential, full jitter)",
                        StoreSettings.text(RetryPolicy.Builder.DEFAULT_INITIAL_BACKOFF)),
                TrackingNumberSetting.of(MAX_BACKOFF, "longest backoff between retries",
                        StoreSettings.text(RetryPolicy.Builder.DEFAULT_MAX_BACKOFF)),
                TrackingNumberSetting.of(LANES, "concurrent store calls (match the store's pool size)",
                        TrackingNumberGenerator.Builder.DEFAULT_LANES),
                TrackingNumberSetting.of(MAX_BATCH, "largest batch; 1 turns batching off",
                        TrackingNumberGenerator.Builder.DEFAULT_MAX_BATCH_SIZE),
                TrackingNumberSetting.of(STARTUP_BUDGET, "how long build() waits for a store that is still starting"
                        + " (0s: no waiting; the retry budget if that is longer than the default)",
                        StoreSettings.text(StartupWait.DEFAULT_BUDGET)),
                TrackingNumberSetting.of(BULK_SIZE, "largest store batch of one nextAll call",
                        TrackingNumberGenerator.Builder.DEFAULT_BULK_SIZE),
                TrackingNumberSetting.of(MAX_BULK, "most requests in one nextAll call",
                        TrackingNumberGenerator.Builder.DEFAULT_MAX_BULK)));
        settings.addAll(FormatConfiguration.settings());
        return settings;
    }

    /** Every known key: core, formats, and each provider's; sorted by key. */
    static Map<String, TrackingNumberSetting> catalogue(Map<String, ReservationStoreProvider> providers) {
        Map<String, TrackingNumberSetting> all = new TreeMap<>();
        coreSettings().forEach(s -> all.put(s.key(), s));
        for (ReservationStoreProvider provider : providers.values()) {
            for (TrackingNumberSetting s : provider.settings()) {
                if (!s.key().startsWith("tracknum." + provider.name() + ".")) {
                    throw new IllegalStateException("store provider " + provider.name() + " declares key " + s.key()
                            + " outside tracknum." + provider.name() + ".*");
                }
                all.put(s.key(), s);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** Builds the generator of {@code builder} (a copy the caller will not use again) with {@code configuration}. */
    static TrackingNumberGenerator build(TrackingNumberGenerator.Builder builder,
                                         TrackingNumberConfiguration configuration) {
        Map<String, ReservationStoreProvider> providers = providers();
        TrackingNumberConfiguration.Resolved resolved = configuration.resolve(providers);
        if (!resolved.problems().isEmpty()) {
            throw new ConfigurationException(String.join("; ", resolved.problems()));
        }
        StoreSettings values = new StoreSettings(resolved.values(), TrackingNumberGenerator.Builder.DEFAULT_LANES,
                RetryPolicy.Builder.DEFAULT_BUDGET, Map.of());
        if (!builder.formatSet && FormatConfiguration.present(values)) {
            builder.format = FormatConfiguration.parse(values);
        }
        if (!builder.retryPolicySet) {
            builder.retryPolicy = retryPolicy(values);
        }
        if (!builder.lanesSet) {
            values.getInt(LANES).ifPresent(lanes -> {
                builder.lanes = lanes;
                builder.lanesNames = org.tracknum.spi.SettingNames.KEYS;
            });
        }
        if (!builder.maxBatchSizeSet) {
            values.getInt(MAX_BATCH).ifPresent(size -> {
                builder.maxBatchSize = size;
                builder.maxBatchSizeNames = org.tracknum.spi.SettingNames.KEYS;
            });
        }
        if (builder.startupBudget == null) {
            values.getDuration(STARTUP_BUDGET).ifPresent(budget -> {
                builder.startupBudget = budget;
                builder.startupBudgetNames = SettingNames.KEYS;
            });
        }
        if (!builder.bulkSizeSet) {
            values.getInt(BULK_SIZE).ifPresent(size -> {
                builder.bulkSize = size;
                builder.bulkSizeNames = org.tracknum.spi.SettingNames.KEYS;
            });
        }
        if (!builder.maxBulkSet) {
            values.getInt(MAX_BULK).ifPresent(size -> {
                builder.maxBulk = size;
                builder.maxBulkNames = org.tracknum.spi.SettingNames.KEYS;
            });
        }
        builder.checkBatching();
        if (builder.store != null) {
            return builder.build();
        }
        ReservationStoreProvider provider = provider(values, providers);
        Map<Class<?>, Object> resources = new LinkedHashMap<>(configuration.resources());
        StartupWait wait = new StartupWait(builder.effectiveStartupBudget());
        ReservationStore store = provider.create(new StoreSettings(resolved.values(), builder.lanes,
                builder.retryPolicy.budget(), wait.remaining(), resources));
        builder.startupWait = wait;
        try {
            return builder.store(store).build();
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private static ReservationStoreProvider provider(StoreSettings values,
                                                     Map<String, ReservationStoreProvider> providers) {
        String name = values.require(STORE, "memory, jdbc or redis");
        ReservationStoreProvider provider = providers.get(name.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new ConfigurationException(STORE + "=" + name + " is not available: " + missingStoreHint(name)
                    + " (installed stores: " + providers.keySet() + ")");
        }
        return provider;
    }

    /** The defaults unless a {@code tracknum.retry.*} key is present; ranges are checked by the builder. */
    private static RetryPolicy retryPolicy(StoreSettings values) {
        RetryPolicy.Builder retry = RetryPolicy.builder().fromConfiguration();
        values.getInt(MAX_COLLISIONS).ifPresent(retry::maxCollisions);
        values.getDuration(BUDGET).ifPresent(retry::budget);
        values.getDuration(INITIAL_BACKOFF).ifPresent(retry::initialBackoff);
        values.getDuration(MAX_BACKOFF).ifPresent(retry::maxBackoff);
        return retry.build();
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
