package org.tracknum.spi;

/**
 * How a builder names a setting in its error messages: by the {@code tracknum.*} key when the
 * value came from configuration (a store provider calls the builder), by the builder method
 * otherwise, so that a message names what the user actually wrote.
 */
public enum SettingNames {
    /** The value came from configuration: name {@code tracknum.jdbc.pool-size}. */
    KEYS,
    /** The value came from code: name {@code poolSize(..)}. */
    METHODS;

    /** {@code key} or {@code method(..)}. */
    public String name(String key, String method) {
        return this == KEYS ? key : method + "(..)";
    }

    /** {@code key=value} or {@code method(value)}. */
    public String assignment(String key, String method, Object value) {
        return this == KEYS ? key + "=" + value : method + "(" + value + ")";
    }
}
