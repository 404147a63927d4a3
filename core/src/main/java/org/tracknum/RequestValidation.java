package org.tracknum;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Validation of shipment requests. PLACEHOLDER: replaced by the Bean Validation implementation. */
final class RequestValidation {
    private RequestValidation() {
    }

    static void validate(String origin, String destination, BigDecimal weight, OffsetDateTime createdAt,
                         UUID customerId, String customerName, String customerSlug) {
        List<FieldError> errors = new ArrayList<>();
        if (origin == null || !origin.matches("[A-Za-z]{2}")) {
            errors.add(new FieldError("origin_country_id", "must be an ISO 3166-1 alpha-2 country code", origin));
        }
        if (destination == null || !destination.matches("[A-Za-z]{2}")) {
            errors.add(new FieldError("destination_country_id", "must be an ISO 3166-1 alpha-2 country code", destination));
        }
        if (weight == null || weight.signum() <= 0) {
            errors.add(new FieldError("weight", "must be greater than 0", String.valueOf(weight)));
        }
        if (createdAt == null) {
            errors.add(new FieldError("created_at", "must not be null", null));
        }
        if (customerId == null) {
            errors.add(new FieldError("customer_id", "must not be null", null));
        }
        if (customerName == null || customerName.isBlank()) {
            errors.add(new FieldError("customer_name", "must not be blank", null));
        }
        if (customerSlug == null || !customerSlug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            errors.add(new FieldError("customer_slug", "must be kebab-case", customerSlug));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    static String canonicalCountry(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    static BigDecimal canonicalWeight(BigDecimal weight) {
        return weight.setScale(3, RoundingMode.UNNECESSARY);
    }

    static ShipmentRequest fromParameters(Map<String, String> p) {
        return new ShipmentRequest(p.get("origin_country_id"), p.get("destination_country_id"),
                new BigDecimal(p.get("weight")), OffsetDateTime.parse(p.get("created_at")),
                UUID.fromString(p.get("customer_id")), p.get("customer_name"), p.get("customer_slug"));
    }
}
