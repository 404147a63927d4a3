package org.tracknum.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.tracknum.ShipmentRequest;

/**
 * How a store rebuilds a {@link ShipmentRequest} it stored earlier, for
 * {@link ReservationStore#find}: the values are kept exactly as read, <em>without</em> validation
 * or canonicalisation, so that a rule tightened in a later version never hides a number issued
 * before it. Requests from callers go through {@link ShipmentRequest}'s constructor or
 * {@link ShipmentRequest#fromParameters}, which always validate.
 *
 * <p>A store should still refuse data that is not its own format (a value written by another
 * application); that is a parse error of the store, not a validation rule.
 */
public final class StoredRequests {
    private static final MethodHandle AS_STORED = asStored();

    private StoredRequests() {
    }

    /**
     * The request as stored, every value kept as given ({@code null}s included).
     *
     * @param originCountryId      the stored origin country code
     * @param destinationCountryId the stored destination country code
     * @param weightKg             the stored weight, with the scale it was read with
     * @param createdAt            the stored creation time, with its offset
     * @param customerId           the stored customer id
     * @param customerName         the stored customer name (personal data: never logged)
     * @param customerSlug         the stored customer slug
     */
    public static ShipmentRequest restore(String originCountryId, String destinationCountryId, BigDecimal weightKg,
                                          OffsetDateTime createdAt, UUID customerId, String customerName,
                                          String customerSlug) {
        try {
            return (ShipmentRequest) AS_STORED.invokeExact((Void) null, originCountryId, destinationCountryId,
                    weightKg, createdAt, customerId, customerName, customerSlug);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot rebuild a stored request", e);
        }
    }

    /**
     * The request's private, non-validating constructor. Both classes are in the same jar, hence
     * the same module, so the lookup needs no {@code opens}.
     */
    private static MethodHandle asStored() {
        try {
            return MethodHandles.privateLookupIn(ShipmentRequest.class, MethodHandles.lookup())
                    .findConstructor(ShipmentRequest.class, MethodType.methodType(void.class, Void.class,
                            String.class, String.class, BigDecimal.class, OffsetDateTime.class, UUID.class,
                            String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
