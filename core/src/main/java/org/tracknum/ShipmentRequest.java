package org.tracknum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A validated request for a tracking number: the seven fields of the HTTP API.
 *
 * <p>Both ways in validate every field and throw {@link InvalidRequestException} listing every
 * broken rule of every field at once, in the API's field order: the canonical constructor (typed
 * values) and {@link #fromParameters(Map)} (the API's snake_case string parameters, where a value
 * that cannot be parsed is one more field error). Values are kept in canonical form: country codes
 * in upper case, the weight with scale 3, the customer name without surrounding white space
 * (including no-break spaces) and in Unicode NFC,
 * {@code createdAt} with its offset as given and cut to microseconds. {@link #toString()} never
 * shows the customer name. Two requests are equal when every field is equal (the weight with its
 * scale, {@code createdAt} with its offset).
 *
 * <p>There is no way around validation in this type. A store rebuilding a request it stored
 * earlier uses {@link org.tracknum.spi.StoredRequests#restore}, which keeps the values as stored.
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
 *   <li><b>customer_name</b>: after trimming and Unicode NFC normalisation, not blank, at most
 *       255 code points, at least one visible character, no control characters (Unicode Cc), no
 *       bidirectional controls, no invisible (default-ignorable) characters, line or paragraph
 *       separators, tag characters or noncharacters (ZWNJ/ZWJ only between letters), no unpaired
 *       surrogates; the exact rule is in docs/validation.md. Kept in NFC, so a decomposed spelling
 *       equals the composed one.</li>
 *   <li><b>customer_slug</b>: {@code ^[a-z0-9]+(-[a-z0-9]+)*$}, at most 255 characters, as given.</li>
 * </ul>
 * A {@code null} typed field "must not be null"; a missing or empty parameter "is required".
 * Unknown parameters are ignored.
 */
public final class ShipmentRequest {
    private final String originCountryId;
    private final String destinationCountryId;
    private final BigDecimal weightKg;
    private final OffsetDateTime createdAt;
    private final UUID customerId;
    private final String customerName;
    private final String customerSlug;

    /**
     * Validates the typed values and keeps them in canonical form.
     *
     * @param originCountryId      ISO 3166-1 alpha-2 code of the origin country
     * @param destinationCountryId ISO 3166-1 alpha-2 code of the destination country
     * @param weightKg             weight in kilograms, &gt; 0 and &le; 99 999.999, at most 3 decimals
     * @param createdAt            when the shipment was created, with its offset
     * @param customerId           the customer's UUID
     * @param customerName         the customer's name (personal data: never logged)
     * @param customerSlug         the customer's kebab-case slug
     * @throws InvalidRequestException naming every bad field
     */
    public ShipmentRequest(String originCountryId, String destinationCountryId, BigDecimal weightKg,
                           OffsetDateTime createdAt, UUID customerId, String customerName, String customerSlug) {
        RequestValidation.validate(originCountryId, destinationCountryId, weightKg, createdAt,
                customerId, customerName, customerSlug);
        this.originCountryId = RequestValidation.canonicalCountry(originCountryId);
        this.destinationCountryId = RequestValidation.canonicalCountry(destinationCountryId);
        this.weightKg = RequestValidation.canonicalWeight(weightKg);
        this.createdAt = RequestValidation.canonicalCreatedAt(createdAt);
        this.customerId = customerId;
        this.customerName = RequestValidation.canonicalName(customerName);
        this.customerSlug = customerSlug;
    }

    /**
     * Keeps the values exactly as given. Reached only by {@link org.tracknum.spi.StoredRequests},
     * through a method handle of this constructor (the {@code stored} marker only gives it a
     * signature of its own).
     */
    private ShipmentRequest(Void stored, String originCountryId, String destinationCountryId, BigDecimal weightKg,
                            OffsetDateTime createdAt, UUID customerId, String customerName, String customerSlug) {
        this.originCountryId = originCountryId;
        this.destinationCountryId = destinationCountryId;
        this.weightKg = weightKg;
        this.createdAt = createdAt;
        this.customerId = customerId;
        this.customerName = customerName;
        this.customerSlug = customerSlug;
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
     * Parses and validates a list of requests given as the API's parameters, as
     * {@link #fromParameters(Map)} does for each, and reports every bad item at once: one
     * {@link InvalidRequestException} whose field names carry the item's index ({@code [7].weight},
     * {@code [7]} for a {@code null} item), for {@link TrackingNumberGenerator#nextAll}.
     *
     * @throws InvalidRequestException naming every bad field of every bad item
     */
    public static java.util.List<ShipmentRequest> fromParameterList(java.util.List<? extends Map<String, String>> items) {
        return IndexedErrors.parseAll(items);
    }

    public String originCountryId() {
        return originCountryId;
    }

    public String destinationCountryId() {
        return destinationCountryId;
    }

    public BigDecimal weightKg() {
        return weightKg;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public UUID customerId() {
        return customerId;
    }

    public String customerName() {
        return customerName;
    }

    public String customerSlug() {
        return customerSlug;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ShipmentRequest)) {
            return false;
        }
        ShipmentRequest other = (ShipmentRequest) o;
        return Objects.equals(originCountryId, other.originCountryId)
                && Objects.equals(destinationCountryId, other.destinationCountryId)
                && Objects.equals(weightKg, other.weightKg)
                && Objects.equals(createdAt, other.createdAt)
                && Objects.equals(customerId, other.customerId)
                && Objects.equals(customerName, other.customerName)
                && Objects.equals(customerSlug, other.customerSlug);
    }

    @Override
    public int hashCode() {
        return Objects.hash(originCountryId, destinationCountryId, weightKg, createdAt, customerId, customerName,
                customerSlug);
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
