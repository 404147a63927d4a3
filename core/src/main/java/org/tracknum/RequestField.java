package org.tracknum;

import java.util.Locale;

/**
 * The seven fields of a shipment request in the HTTP API's order, which is the order of
 * {@link InvalidRequestException#errors()}. The validated beans ({@link RequestFields},
 * {@link RequestParameters}) name their Java fields {@link #property()}.
 */
enum RequestField {
    ORIGIN_COUNTRY_ID("originCountryId"),
    DESTINATION_COUNTRY_ID("destinationCountryId"),
    WEIGHT("weight"),
    CREATED_AT("createdAt"),
    CUSTOMER_ID("customerId"),
    CUSTOMER_NAME("customerName"),
    CUSTOMER_SLUG("customerSlug");

    private final String property;
    private final String apiName;

    RequestField(String property) {
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

    static RequestField ofProperty(String property) {
        for (RequestField field : values()) {
            if (field.property.equals(property)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a request property: " + property);
    }
}
