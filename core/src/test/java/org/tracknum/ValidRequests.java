package org.tracknum;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A valid request in both shapes, for validation tests to break one field at a time. */
final class ValidRequests {
    static final String NAME = "Veera Dasari";
    static final UUID CUSTOMER = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    private ValidRequests() {
    }

    /** The API's parameters of a valid request (a fresh mutable map). */
    static Map<String, String> parameters() {
        Map<String, String> p = new HashMap<>();
        p.put("origin_country_id", "MY");
        p.put("destination_country_id", "ID");
        p.put("weight", "1.5");
        p.put("created_at", "2018-11-20T19:29:32+08:00");
        p.put("customer_id", CUSTOMER.toString());
        p.put("customer_name", NAME);
        p.put("customer_slug", "red-box-2");
        return p;
    }

    static Map<String, String> parametersWith(String key, String value) {
        Map<String, String> p = parameters();
        p.put(key, value);
        return p;
    }

    /** A valid request with a fresh random customer id, so that every call's request is unique. */
    static ShipmentRequest unique() {
        return typed("MY", "ID", new BigDecimal("1.250"), createdAt(), UUID.randomUUID(), "RedBox Logistics",
                "redbox-logistics");
    }

    static ShipmentRequest typed(String origin, String destination, BigDecimal weight, OffsetDateTime createdAt,
                                 UUID customerId, String name, String slug) {
        return new ShipmentRequest(origin, destination, weight, createdAt, customerId, name, slug);
    }

    static ShipmentRequest withWeight(BigDecimal weight) {
        return typed("MY", "ID", weight, createdAt(), CUSTOMER, NAME, "red-box-2");
    }

    static ShipmentRequest withCreatedAt(OffsetDateTime createdAt) {
        return typed("MY", "ID", BigDecimal.ONE, createdAt, CUSTOMER, NAME, "red-box-2");
    }

    static ShipmentRequest withName(String name) {
        return typed("MY", "ID", BigDecimal.ONE, createdAt(), CUSTOMER, name, "red-box-2");
    }

    static ShipmentRequest withSlug(String slug) {
        return typed("MY", "ID", BigDecimal.ONE, createdAt(), CUSTOMER, NAME, slug);
    }

    static ShipmentRequest withCountries(String origin, String destination) {
        return typed(origin, destination, BigDecimal.ONE, createdAt(), CUSTOMER, NAME, "red-box-2");
    }

    static OffsetDateTime createdAt() {
        return OffsetDateTime.parse("2018-11-20T19:29:32+08:00");
    }

    /** The field errors that {@code call} throws; fails if it throws nothing else. */
    static List<FieldError> errorsOf(Runnable call) {
        InvalidRequestException[] thrown = new InvalidRequestException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> thrown[0] = e);
        return thrown[0].errors();
    }
}
