package org.tracknum.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.tracknum.ConfigurationException;

/**
 * What a {@link ReservationStoreProvider} gets to build its store: the {@code tracknum.*} values
 * that are present, the generator's {@link #lanes()}, {@link #retryBudget()} and
 * {@link #startupBudget()}, and resources the
 * application passed in ({@link #resource(Class)}).
 *
 * <p>The typed getters only parse: they return empty for an absent key and name the key and the
 * expected form for a value that cannot be parsed. Defaults and ranges are not theirs: a provider
 * maps the values that are present onto its store's builder, whose defaults and checks apply (in
 * {@link SettingNames#KEYS} mode, so that its messages name the keys). Values are trimmed; an
 * empty value counts as absent.
 */
public final class StoreSettings {
    private final Map<String, String> values;
    private final int lanes;
    private final Duration retryBudget;
    private final Duration startupBudget;
    private final Map<Class<?>, Object> resources;

    /** Without a start-up budget: a store built with these opens once, without waiting. */
    public StoreSettings(Map<String, String> values, int lanes, Duration retryBudget, Map<Class<?>, Object> resources) {
        this(values, lanes, retryBudget, Duration.ZERO, resources);
    }

    /**
     * @param values      the {@code tracknum.*} values
     * @param lanes       the generator's batching lanes: at most this many {@code reserve} calls run at once
     * @param retryBudget the generator's retry budget: a store's own timeouts must stay below it
     * @param startupBudget how long the store's opening may wait for a store that is still starting
     *                      ({@link StartupWait}); zero for a single attempt
     * @param resources   objects by type (e.g. a {@code javax.sql.DataSource}); they stay the caller's
     */
    public StoreSettings(Map<String, String> values, int lanes, Duration retryBudget, Duration startupBudget,
                         Map<Class<?>, Object> resources) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        this.values = Collections.unmodifiableMap(copy);
        this.lanes = lanes;
        this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget");
        this.startupBudget = Objects.requireNonNull(startupBudget, "startupBudget");
        Map<Class<?>, Object> checked = new LinkedHashMap<>();
        resources.forEach((type, resource) -> checked.put(type, type.cast(resource)));
        this.resources = Collections.unmodifiableMap(checked);
    }

    /** All values, keys sorted (values may be secrets). */
    public Map<String, String> asMap() {
        return values;
    }

    /** The generator's batching lanes (its concurrency towards the store), e.g. to size a pool. */
    public int lanes() {
        return lanes;
    }

    /** The generator's retry budget: a store's connect and socket timeouts should stay below it. */
    public Duration retryBudget() {
        return retryBudget;
    }

    /**
     * The generator's start-up budget: how long the store's opening may wait for a store that is
     * transiently unavailable (see {@link StartupWait}), already checked by the generator.
     */
    public Duration startupBudget() {
        return startupBudget;
    }

    /**
     * A resource the application passed with
     * {@code TrackingNumberConfiguration.withResource(type, resource)}, e.g. a {@code DataSource}
     * to use when no URL is configured. It belongs to the application: a store must not close it.
     */
    public <T> Optional<T> resource(Class<T> type) {
        return Optional.ofNullable(type.cast(resources.get(type)));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @throws ConfigurationException naming {@code key} and {@code what} to set it to, when absent */
    public String require(String key, String what) {
        return get(key).orElseThrow(() -> new ConfigurationException(
                "missing configuration " + key + ": set it to " + what));
    }

    /** A whole number, if present. */
    public Optional<Integer> getInt(String key) {
        return get(key).map(raw -> {
            try {
                return Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key + "=" + raw + " is invalid: expected a whole number");
            }
        });
    }

    /** {@code true} or {@code false} (any case), if present. */
    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(raw -> {
            switch (raw.toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    throw new ConfigurationException(key + "=" + raw + " is invalid: expected true or false");
            }
        });
    }

    /**
     * A duration written as milliseconds ({@code 250ms}), seconds ({@code 5s}), minutes
     * ({@code 1m}) or ISO-8601 ({@code PT5S}), if present.
     */
    public Optional<Duration> getDuration(String key) {
        return get(key).map(raw -> {
            Duration value = parseDuration(raw);
            if (value == null) {
                throw new ConfigurationException(key + "=" + raw + " is invalid: expected a duration such as 250ms,"
                        + " 5s or PT5S");
            }
            return value;
        });
    }

    /** One of {@code allowed} (case-insensitive), returned as written in {@code allowed}, if present. */
    public Optional<String> getChoice(String key, String... allowed) {
        return get(key).map(raw -> {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(raw)) {
                    return a;
                }
            }
            throw new ConfigurationException(key + "=" + raw + " is invalid: expected one of "
                    + String.join(", ", allowed));
        });
    }

    /** {@code strict} or {@code relaxed}, if present. */
    public Optional<org.tracknum.Durability> getDurability(String key) {
        return getChoice(key, "strict", "relaxed").map(choice -> org.tracknum.Durability.valueOf(
                choice.toUpperCase(Locale.ROOT)));
    }

    /** A duration as the configuration writes it: {@code 250ms}, {@code 5s}, {@code 2m}. */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0 && millis < 3_600_000) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * The duration {@code raw} denotes, or null when it is malformed or does not fit in a
     * {@code long} of nanoseconds (about 292 years): longer ones would overflow wherever a builder
     * or a driver converts them, so they are reported as invalid, naming the key.
     */
    private static Duration parseDuration(String raw) {
        try {
            Duration value = parseDurationText(raw);
            if (value != null) {
                value.toNanos(); // throws ArithmeticException when it does not fit
            }
            return value;
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration parseDurationText(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return null;
    }

    /** Keys only: values may be secrets. */
    @Override
    public String toString() {
        return "StoreSettings" + values.keySet() + ", lanes " + lanes + ", retry budget " + text(retryBudget)
                + ", start-up budget " + text(startupBudget);
    }
}
