package org.tracknum;

/**
 * One violated rule of a {@link ShipmentRequest} field.
 *
 * @param field         the API field name in snake_case, e.g. {@code origin_country_id}
 * @param message       plain-English rule, e.g. "must be an ISO 3166-1 alpha-2 country code"
 * @param rejectedValue the offending input, shortened and stripped of control characters;
 *                      {@code null} when the field was missing, and never the customer name
 */
public record FieldError(String field, String message, String rejectedValue) {
}
