package org.tracknum.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's parameters read from the raw query string, which (unlike a {@code Map}) shows a
 * parameter given twice. {@code application/x-www-form-urlencoded} rules: {@code &} separates
 * pairs, {@code +} is a space, {@code %XX} are bytes of UTF-8. Parameters other than the API's
 * fields are ignored, as the library ignores them.
 *
 * @param values one value per API field that was given exactly once and decoded cleanly
 * @param errors per API field, what is wrong with it at the HTTP level (given twice, bad encoding)
 */
record QueryParameters(Map<String, String> values, Map<String, List<String>> errors) {

    /** The seven fields of the API, in the order errors are reported. */
    static final List<String> FIELDS = List.of("origin_country_id", "destination_country_id", "weight",
            "created_at", "customer_id", "customer_name", "customer_slug");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

    static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> given = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name != null && FIELD_SET.contains(name)) {
                    given.computeIfAbsent(name, k -> new ArrayList<>(1)).add(eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
        }
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String field : FIELDS) {
            List<String> raw = given.get(field);
            if (raw == null) {
                continue;
            }
            if (raw.size() > 1) {
                errors.put(field, List.of("must be given only once, but was given " + raw.size() + " times"));
                continue;
            }
            String value = decode(raw.get(0));
            if (value == null) {
                errors.put(field, List.of("must be percent-encoded UTF-8"));
            } else {
                values.put(field, value);
            }
        }
        return new QueryParameters(Map.copyOf(values), errors);
    }

    /**
     * Decodes one name or value, or returns null if it is not valid percent-encoded UTF-8. Each
     * character of {@code raw} is one byte as sent ({@link Exchange#rawQuery()}): unencoded UTF-8 in
     * the query still decodes.
     */
    static String decode(String raw) {
        if (isPlainAscii(raw)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Nothing to decode: no escapes, no plus, no byte above 0x7F. */
    private static boolean isPlainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+' || c > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
