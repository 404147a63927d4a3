package org.tracknum;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The API's string parameters, as Bean Validation sees them: every rule of {@link RequestFields}
 * plus the syntax of the values that are parsed (weight, created_at, customer_id), so that one
 * validation reports parse failures and broken rules of all fields together. A missing or empty
 * parameter is "required". Field names are {@link RequestField#property()}.
 */
final class RequestParameters {
    static final String REQUIRED = "is required";

    @NotNull(message = REQUIRED)
    @CountryCode
    final String originCountryId;

    @NotNull(message = REQUIRED)
    @CountryCode
    final String destinationCountryId;

    @NotNull(message = REQUIRED)
    @ShipmentWeight
    final String weight;

    @NotNull(message = REQUIRED)
    @Rfc3339DateTime
    final String createdAt;

    @NotNull(message = REQUIRED)
    @CanonicalUuid
    final String customerId;

    @NotNull(message = REQUIRED)
    @CustomerName
    final String customerName;

    @NotNull(message = REQUIRED)
    @CustomerSlug
    final String customerSlug;

    /** Reads the seven parameters; unknown keys are ignored, empty values count as missing. */
    RequestParameters(Map<String, String> parameters) {
        originCountryId = get(parameters, RequestField.ORIGIN_COUNTRY_ID);
        destinationCountryId = get(parameters, RequestField.DESTINATION_COUNTRY_ID);
        weight = get(parameters, RequestField.WEIGHT);
        createdAt = get(parameters, RequestField.CREATED_AT);
        customerId = get(parameters, RequestField.CUSTOMER_ID);
        String name = get(parameters, RequestField.CUSTOMER_NAME);
        customerName = name == null ? null : RequestValidation.canonicalName(name);
        customerSlug = get(parameters, RequestField.CUSTOMER_SLUG);
    }

    private static String get(Map<String, String> parameters, RequestField field) {
        String value = parameters.get(field.apiName());
        return value == null || value.isEmpty() ? null : value;
    }
}
