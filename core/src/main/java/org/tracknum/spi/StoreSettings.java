package org.tracknum.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tracknum.ConfigurationException;

/**
 * Read-only view of {@code tracknum.*} settings, with typed getters whose errors name the key and
 * the expected form. Values are trimmed; an empty value counts as absent.
 */
public final class StoreSettings {
    private final Map<String, String> values;

    public StoreSettings(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        this.values = java.util.Collections.unmodifiableMap(copy);
    }

    /** All settings, keys sorted. */
    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String require(String key, String what) {
        return get(key).orElseThrow(() -> new ConfigurationException(
                "missing configuration " + key + ": set it to " + what));
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key + "=" + raw + " is invalid: expected a whole number in ["
                + min + ", " + max + "]");
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigurationException(key + "=" + raw + " is invalid: expected true or false");
        }
    }

    /**
     * A duration written as milliseconds ({@code 250ms}), seconds ({@code 5s}), minutes
     * ({@code 1m}) or ISO-8601 ({@code PT5S}), within {@code [min, max]}.
     */
    public Duration getDuration(String key, Duration defaultValue, Duration min, Duration max) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        Duration value = parseDuration(raw);
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigurationException(key + "=" + raw + " is invalid: expected a duration such as 250ms, 5s"
                    + " or PT5S, between " + min.toMillis() + " ms and " + max.toMillis() + " ms");
        }
        return value;
    }

    /** One of {@code allowed} (case-insensitive), returned in lower case. */
    public String getChoice(String key, String defaultValue, String... allowed) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(raw)) {
                return a;
            }
        }
        throw new ConfigurationException(key + "=" + raw + " is invalid: expected one of " + String.join(", ", allowed));
    }

    private static Duration parseDuration(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        try {
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
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // ArithmeticException: 9999999999999999m overflows Duration; reported as invalid, naming the key
            return null;
        }
        return null;
    }

    /** Keys only: values may be secrets. */
    @Override
    public String toString() {
        return "StoreSettings" + values.keySet();
    }
}
