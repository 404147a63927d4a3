package org.tracknum.server;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;

/**
 * One request as an endpoint sees it: method, the raw query, the value of the route's
 * {@code {segment}} (still percent-encoded), a header, and the body when the endpoint takes one
 * (read in full, within its size cap, before the endpoint runs).
 */
final class Exchange {
    private final Request request;
    private final String segment;
    private final byte[] body;

    Exchange(Request request, String segment, byte[] body) {
        this.request = request;
        this.segment = segment;
        this.body = body;
    }

    String method() {
        return request.getMethod();
    }

    /**
     * The query as sent, one character per byte (percent-escapes and {@code +} not decoded), or
     * null. Jetty reads unencoded bytes of the query as UTF-8 (so {@code customer_name=Łódź} sent
     * raw arrives intact) and turns bytes that are not UTF-8 into U+FFFD; here they become bytes
     * again, U+FFFD as the byte 0xFF that {@link QueryParameters} refuses as not UTF-8.
     */
    String rawQuery() {
        return asBytes(request.getHttpURI().getQuery());
    }

    static String asBytes(String query) {
        if (query == null || query.chars().allMatch(c -> c < 0x80)) {
            return query;
        }
        StringBuilder bytes = new StringBuilder(query.length() + 16);
        query.codePoints().forEach(codePoint -> {
            if (codePoint < 0x80) {
                bytes.append((char) codePoint);
            } else if (codePoint == 0xFFFD) {
                bytes.append((char) 0xFF);
            } else {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    bytes.append((char) (b & 0xFF));
                }
            }
        });
        return bytes.toString();
    }

    /** The route's {@code {segment}}, still percent-encoded; empty for routes without one. */
    String segment() {
        return segment;
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every field line of a request header, in order; empty if it was not sent. */
    java.util.List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /** The body, for endpoints that take one (empty when none was sent); null for the others. */
    byte[] body() {
        return body;
    }
}
