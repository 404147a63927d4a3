package org.tracknum;

import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The Bean Validation bean of {@link ShipmentRequest}'s constructor arguments: the typed values,
 * each with its constraints; a {@code null} "must not be null". The customer name is held without
 * surrounding white space, as the request will keep it. Field names are {@link FieldName#property()}.
 */
final class ConstructorArguments {
    static final String NULL = "must not be null";

    @NotNull(message = NULL)
    @CountryCode
    private final String originCountryId;

    @NotNull(message = NULL)
    @CountryCode
    private final String destinationCountryId;

    @NotNull(message = NULL)
    @ShipmentWeight
    private final BigDecimal weight;

    @NotNull(message = NULL)
    @Rfc3339DateTime
    private final OffsetDateTime createdAt;

    @NotNull(message = NULL)
    private final UUID customerId;

    @NotNull(message = NULL)
    @CustomerName
    private final String customerName;

    @NotNull(message = NULL)
    @CustomerSlug
    private final String customerSlug;

    ConstructorArguments(String originCountryId, String destinationCountryId, BigDecimal weight, OffsetDateTime createdAt,
                  UUID customerId, String trimmedCustomerName, String customerSlug) {
        this.originCountryId = originCountryId;
        this.destinationCountryId = destinationCountryId;
        this.weight = weight;
        this.createdAt = createdAt;
        this.customerId = customerId;
        this.customerName = trimmedCustomerName;
        this.customerSlug = customerSlug;
    }
}
