package org.tracknum;

/**
 * One violated rule of a {@link ShipmentRequest} field.
 *
 * @param field         the API field name in snake_case, e.g. {@code origin_country_id}
 * @param message       plain-English rule, e.g. "must be an ISO 3166-1 alpha-2 country code"
 * @param rejectedValue the offending input with control characters, bidirectional controls and
 *                      unpaired surrogates removed, shortened to 64 code points followed by "…";
 *                      {@code null} when the field was missing, and always {@code null} for
 *                      {@code customer_name} (personal data)
 */
public record FieldError(String field, String message, String rejectedValue) {
}
