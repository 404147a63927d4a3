package org.tracknum.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Shipments for the issue endpoints: the reference's example, with changes, as the query string of
 * {@code /api/next-tracking-number/} or the JSON body of {@code POST /api/tracking-numbers}.
 */
final class Shipments {
    static final String ISSUE = "/api/next-tracking-number/";
    static final String CREATE = "/api/tracking-numbers";

    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Shipments() {
        parameters.put("origin_country_id", "MY");
        parameters.put("destination_country_id", "ID");
        parameters.put("weight", "1.234");
        parameters.put("created_at", "2018-11-20T19:29:32+08:00");
        parameters.put("customer_id", "de619854-b59b-425e-9db4-943979e1bd49");
        parameters.put("customer_name", "RedBox Logistics");
        parameters.put("customer_slug", "redbox-logistics");
    }

    /** The reference README's request, every value valid. */
    static Shipments reference() {
        return new Shipments();
    }

    /** The reference request with a fresh random customer id. */
    static Shipments unique() {
        return reference().with("customer_id", UUID.randomUUID().toString());
    }

    Shipments with(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    Shipments without(String name) {
        parameters.remove(name);
        return this;
    }

    String get(String name) {
        return parameters.get(name);
    }

    /** Path and percent-encoded query (a space as {@code +}, a plus as {@code %2B}). */
    String path() {
        return ISSUE + "?" + parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The fields as a JSON object (every value a string), for {@code POST /api/tracking-numbers}. */
    String json() {
        return json(Map.of());
    }

    /** The fields as a JSON object with {@code extra} members (raw JSON values, e.g. {@code "1.5"} or {@code null}). */
    String json(Map<String, String> extra) {
        StringBuilder json = new StringBuilder("{");
        parameters.forEach((name, value) -> {
            if (!extra.containsKey(name)) {
                json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':').append(quote(value));
            }
        });
        extra.forEach((name, raw) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':')
                .append(raw));
        return json.append('}').toString();
    }

    /** {@code {"shipments": [...]}} of the given item objects. */
    static String list(java.util.List<String> items) {
        return "{\"shipments\":[" + String.join(",", items) + "]}";
    }

    static String quote(String text) {
        try {
            return ApiClient.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
