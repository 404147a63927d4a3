package org.tracknum;

import java.util.List;

/**
 * The rule for idempotency keys: 1 to {@value #MAX_LENGTH} visible ASCII characters (0x21 to
 * 0x7E), as the IETF draft "The Idempotency-Key HTTP Header Field" allows for a structured-field
 * string without escapes. Keys are compared as given (case-sensitive), scoped by the request's
 * customer id.
 */
final class IdempotencyKeys {
    static final int MAX_LENGTH = 255;
    static final String FIELD = "idempotency_key";
    static final String RULE = "must be 1 to " + MAX_LENGTH + " visible ASCII characters (0x21 to 0x7E)";

    private IdempotencyKeys() {
    }

    static boolean isValid(String key) {
        int length = key.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The error for an invalid key under {@code field}, or null if the key is valid. */
    static FieldError error(String field, String key) {
        return isValid(key) ? null : new FieldError(field, RULE, RejectedValues.describe(key));
    }

    /** @throws InvalidRequestException naming {@code idempotency_key} */
    static String check(String key) {
        if (key == null) {
            throw new InvalidRequestException(List.of(new FieldError(FIELD, "must not be null", null)));
        }
        FieldError error = error(FIELD, key);
        if (error != null) {
            throw new InvalidRequestException(List.of(error));
        }
        return key;
    }
}
