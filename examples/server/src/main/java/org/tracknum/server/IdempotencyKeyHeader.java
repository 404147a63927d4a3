package org.tracknum.server;

import java.util.List;

/**
 * The {@code Idempotency-Key} request header (IETF draft "The Idempotency-Key HTTP Header
 * Field"): an RFC 8941 structured-field string, {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"},
 * or, as many clients send it, the same text without quotes. Only the syntax is checked here; the
 * key's own rule (1 to 255 visible ASCII characters) is the library's, which reports it as
 * {@code idempotency_key}.
 *
 * @param key   the key as given (escapes of the string resolved), or null without the header
 * @param error what is wrong with the header, or null
 */
record IdempotencyKeyHeader(String key, String error) {
    static final String NAME = "Idempotency-Key";
    static final String RULE = "must be one structured-field string such as \"8e03978e-40d5-43e8-bc93-6894a57f9324\""
            + " (or the same text as a bare token), without parameters";
    private static final IdempotencyKeyHeader ABSENT = new IdempotencyKeyHeader(null, null);
    /** RFC 9110 tchar, and ':' and '/' as an sf-token allows; a bare key may also start with a digit. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~:/";

    /** Reads every field line of the header the request has. */
    static IdempotencyKeyHeader parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return ABSENT;
        }
        if (values.size() > 1) {
            return invalid("must be given only once, but was given " + values.size() + " times");
        }
        String value = values.get(0).strip();
        String key = value.startsWith("\"") ? sfString(value) : bareToken(value);
        return key == null ? invalid(RULE) : new IdempotencyKeyHeader(key, null);
    }

    boolean present() {
        return key != null || error != null;
    }

    private static IdempotencyKeyHeader invalid(String error) {
        return new IdempotencyKeyHeader(null, error);
    }

    /** RFC 8941 section 4.2.5, with nothing after the closing quote; null if malformed. */
    private static String sfString(String value) {
        StringBuilder key = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length()) {
                    return null;
                }
                char escaped = value.charAt(++i);
                if (escaped != '"' && escaped != '\\') {
                    return null;
                }
                key.append(escaped);
            } else if (c == '"') {
                return i == value.length() - 1 ? key.toString() : null;
            } else if (c < 0x20 || c > 0x7E) {
                return null;
            } else {
                key.append(c);
            }
        }
        return null; // no closing quote
    }

    /** The value itself if it is a token; null otherwise. An empty value is left to the key rule. */
    private static String bareToken(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return null;
            }
        }
        return value;
    }
}
