package org.tracknum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A validated request for a tracking number: the seven fields of the HTTP API.
 *
 * <p>Both ways in validate every field and throw {@link InvalidRequestException} listing every
 * bad field at once: the canonical constructor (typed values) and {@link #fromParameters(Map)}
 * (the API's snake_case string parameters). Values are kept in canonical form: country codes in
 * upper case, the weight with scale 3, the customer name trimmed, the {@code created_at} offset as
 * given. {@link #toString()} never shows the customer name.
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
            customerName = customerName.strip();
        }
    }

    /**
     * Parses and validates the API's query parameters ({@code origin_country_id},
     * {@code destination_country_id}, {@code weight}, {@code created_at}, {@code customer_id},
     * {@code customer_name}, {@code customer_slug}). Unknown keys are ignored.
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
