package org.tracknum;

/**
 * Bad builder or properties input. Thrown at build time, never at the first call; the message
 * names the key (or builder method) and says how to fix it.
 */
public class ConfigurationException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
