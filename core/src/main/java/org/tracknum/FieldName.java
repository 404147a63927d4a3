package org.tracknum;

import java.util.Locale;

/**
 * The names of a shipment request's seven fields, in the HTTP API's order, which is the order of
 * {@link InvalidRequestException#errors()}: the snake_case {@link #apiName()} that
 * {@link FieldError#field()} reports, and the Java {@link #property()} that the two Bean
 * Validation beans ({@link ConstructorArguments}, {@link ApiParameters}) use for their fields.
 */
enum FieldName {
    ORIGIN_COUNTRY_ID("originCountryId"),
    DESTINATION_COUNTRY_ID("destinationCountryId"),
    WEIGHT("weight"),
    CREATED_AT("createdAt"),
    CUSTOMER_ID("customerId"),
    CUSTOMER_NAME("customerName"),
    CUSTOMER_SLUG("customerSlug");

    private final String property;
    private final String apiName;

    FieldName(String property) {
        this.property = property;
        this.apiName = name().toLowerCase(Locale.ROOT);
    }

    /** The Java field name in the validated beans. */
    String property() {
        return property;
    }

    /** The snake_case name of the HTTP API, e.g. {@code origin_country_id}. */
    String apiName() {
        return apiName;
    }

    static FieldName ofProperty(String property) {
        for (FieldName field : values()) {
            if (field.property.equals(property)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a request property: " + property);
    }
}
