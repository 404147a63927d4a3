package org.tracknum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A validated request for a tracking number: the seven fields of the HTTP API.
 *
 * <p>Both ways in validate every field and throw {@link InvalidRequestException} listing every
 * broken rule of every field at once, in the API's field order: the canonical constructor (typed
 * values) and {@link #fromParameters(Map)} (the API's snake_case string parameters, where a value
 * that cannot be parsed is one more field error). Values are kept in canonical form: country codes
 * in upper case, the weight with scale 3, the customer name without surrounding white space
 * (including no-break spaces),
 * {@code createdAt} with its offset as given and cut to microseconds. {@link #toString()} never
 * shows the customer name.
 *
 * <p>Rules (lengths count Unicode code points):
 * <ul>
 *   <li><b>origin/destination country</b>: an <em>officially assigned</em> ISO 3166-1 alpha-2 code
 *       from the list shipped with the library, two ASCII letters in either case. Reserved codes
 *       are rejected, notably {@code UK} (exceptionally reserved; the United Kingdom is {@code GB}),
 *       {@code EU}, and user-assigned codes such as {@code XK} and {@code XX}.</li>
 *   <li><b>weight</b> (kg): greater than 0, at most 99 999.999, at most 3 decimal places after
 *       removing trailing zeros ({@code 1.2340} is accepted). As a parameter it must be a plain
 *       decimal: ASCII digits with at most one point between digits ({@code 1}, {@code 1.5},
 *       {@code 0.001}; not {@code 1e2}, {@code +1}, {@code .5}, {@code 1.}, {@code NaN}).</li>
 *   <li><b>created_at</b>: as a parameter an RFC 3339 date-time with offset
 *       ({@code 2018-11-20T19:29:32+08:00}, {@code ...Z}, a fraction of 1 to 9 digits). Lower-case
 *       {@code t} and {@code z} are accepted, as RFC 3339 allows; a space in place of the offset's
 *       {@code +} is read as {@code +} (an unencoded {@code +} in a query string decodes to a space);
 *       leap seconds ({@code :60}) are rejected. A typed value must be expressible in RFC 3339:
 *       year 0000 to 9999, offset in whole minutes.</li>
 *   <li><b>customer_id</b>: as a parameter the canonical 8-4-4-4-12 hex form in either case; braces,
 *       {@code urn:uuid:}, missing hyphens and short groups ({@code 1-1-1-1-1}) are rejected.</li>
 *   <li><b>customer_name</b>: after trimming, not blank, at most 255 code points, no control
 *       characters (Unicode Cc), no bidirectional embeddings, overrides or isolates
 *       (U+202A–U+202E, U+2066–U+2069), no unpaired surrogates.</li>
 *   <li><b>customer_slug</b>: {@code ^[a-z0-9]+(-[a-z0-9]+)*$}, at most 255 characters, as given.</li>
 * </ul>
 * A {@code null} typed field "must not be null"; a missing or empty parameter "is required".
 * Unknown parameters are ignored.
 *
 * @param originCountryId      ISO 3166-1 alpha-2 code of the origin country
 * @param destinationCountryId ISO 3166-1 alpha-2 code of the destination country
 * @param weightKg             weight in kilograms, &gt; 0 and &le; 99 999.999, at most 3 decimals
 * @param createdAt            when the shipment was created, with its offset
 * @param customerId           the customer's UUID
 * @param customerName         the customer's name (personal data: never logged)
 * @param customerSlug         the customer's kebab-case slug
 */
public record ShipmentRequest(String originCountryId, String destinationCountryId, BigDecimal weightKg,
                              OffsetDateTime createdAt, UUID customerId, String customerName,
                              String customerSlug) {

    private static final ThreadLocal<Boolean> RESTORING = new ThreadLocal<>();

    public ShipmentRequest {
        if (RESTORING.get() == null) {
            RequestValidation.validate(originCountryId, destinationCountryId, weightKg, createdAt,
                    customerId, customerName, customerSlug);
            originCountryId = RequestValidation.canonicalCountry(originCountryId);
            destinationCountryId = RequestValidation.canonicalCountry(destinationCountryId);
            weightKg = RequestValidation.canonicalWeight(weightKg);
            createdAt = RequestValidation.canonicalCreatedAt(createdAt);
            customerName = RequestValidation.canonicalName(customerName);
        }
    }

    /**
     * Parses and validates the API's query parameters ({@code origin_country_id},
     * {@code destination_country_id}, {@code weight}, {@code created_at}, {@code customer_id},
     * {@code customer_name}, {@code customer_slug}). Unknown keys are ignored; a {@code null} or
     * empty value counts as missing. Parse failures and broken rules are reported together.
     *
     * @throws InvalidRequestException naming every missing or bad field
     */
    public static ShipmentRequest fromParameters(Map<String, String> parameters) {
        return RequestValidation.fromParameters(parameters);
    }

    /**
     * Rebuilds a request that a store read back, <em>without</em> validating it, so that
     * tightening a rule later never hides numbers issued before. For store implementations only:
     * requests from callers must go through the constructor or {@link #fromParameters(Map)}.
     */
    public static ShipmentRequest restore(String originCountryId, String destinationCountryId, BigDecimal weightKg,
                                          OffsetDateTime createdAt, UUID customerId, String customerName,
                                          String customerSlug) {
        RESTORING.set(Boolean.TRUE);
        try {
            return new ShipmentRequest(originCountryId, destinationCountryId, weightKg, createdAt, customerId,
                    customerName, customerSlug);
        } finally {
            RESTORING.remove();
        }
    }

    /** Shows every field but the customer name, which is personal data. */
    @Override
    public String toString() {
        return "ShipmentRequest[originCountryId=" + originCountryId
                + ", destinationCountryId=" + destinationCountryId
                + ", weightKg=" + (weightKg == null ? null : weightKg.toPlainString())
                + ", createdAt=" + createdAt
                + ", customerId=" + customerId
                + ", customerName=(redacted)"
                + ", customerSlug=" + customerSlug + "]";
    }
}
