package org.tracknum;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key as {@link TrackingNumberConfiguration#settings()} lists it: the key, what it
 * does, and the default its builder applies when the key is absent (empty when there is none, e.g.
 * for a required key or one whose default depends on other keys). For documentation, IDE metadata
 * and "did you mean" hints.
 *
 * @param key          e.g. {@code tracknum.batch.lanes}
 * @param description  one sentence
 * @param defaultValue the default as the configuration would write it, e.g. {@code 10s}
 */
public record TrackingNumberSetting(String key, String description, Optional<String> defaultValue) {

    public TrackingNumberSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (!key.matches("tracknum(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
            throw new IllegalArgumentException("not a tracknum.* key in lower-case kebab case: " + key);
        }
    }

    /** A key with a default. */
    public static TrackingNumberSetting of(String key, String description, Object defaultValue) {
        return new TrackingNumberSetting(key, description, Optional.of(String.valueOf(defaultValue)));
    }

    /** A key without a default (required, or derived from other keys as the description says). */
    public static TrackingNumberSetting withoutDefault(String key, String description) {
        return new TrackingNumberSetting(key, description, Optional.empty());
    }

    /** The environment variable read by {@link TrackingNumberConfiguration#fromEnvironment()}: {@code TRACKNUM_BATCH_LANES}. */
    public String environmentName() {
        return environmentName(key);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
