package org.tracknum;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The Bean Validation bean of the HTTP API's string parameters ({@link ShipmentRequest#fromParameters}):
 * every rule of {@link ConstructorArguments} plus the syntax of the values that are parsed (weight,
 * created_at, customer_id), so that one validation reports parse failures and broken rules of all
 * fields together. A missing or empty parameter "is required". Field names are {@link FieldName#property()}.
 */
final class ApiParameters {
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
    ApiParameters(Map<String, String> parameters) {
        originCountryId = get(parameters, FieldName.ORIGIN_COUNTRY_ID);
        destinationCountryId = get(parameters, FieldName.DESTINATION_COUNTRY_ID);
        weight = get(parameters, FieldName.WEIGHT);
        createdAt = get(parameters, FieldName.CREATED_AT);
        customerId = get(parameters, FieldName.CUSTOMER_ID);
        String name = get(parameters, FieldName.CUSTOMER_NAME);
        customerName = name == null ? null : RequestValidation.canonicalName(name);
        customerSlug = get(parameters, FieldName.CUSTOMER_SLUG);
    }

    private static String get(Map<String, String> parameters, FieldName field) {
        String value = parameters.get(field.apiName());
        return value == null || value.isEmpty() ? null : value;
    }
}
