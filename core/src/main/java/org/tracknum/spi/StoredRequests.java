package org.tracknum.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
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

    /** The longest {@code created_at} text a store reads ({@code 2018-11-20T19:29:32.123456789+08:00} is 35). */
    public static final int MAX_CREATED_AT_LENGTH = 64;
    /** The longest weight text a store reads. */
    public static final int MAX_WEIGHT_LENGTH = 40;
    private static final Pattern STORED_WEIGHT = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?");
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendLiteral('T').appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE);

    private StoredRequests() {
    }

    /**
     * The text a store writes for {@code created_at}: RFC 3339 with seconds always present
     * ({@code 2018-11-20T19:29:00Z}, where {@link OffsetDateTime#toString()} would write
     * {@code 2018-11-20T19:29Z}), the fraction without trailing zeros, the offset as {@code Z} or
     * {@code ±HH:MM}. Years 0000–9999 (what a request accepts) are written with four digits.
     */
    public static String createdAtText(OffsetDateTime createdAt) {
        return RFC_3339.format(createdAt);
    }

    /**
     * Reads {@code created_at} text a store wrote: {@link #createdAtText} and also the seconds-less
     * text earlier versions wrote ({@code 2018-11-20T19:29Z}).
     *
     * @throws IllegalArgumentException if the text is longer than {@link #MAX_CREATED_AT_LENGTH}
     *                                  or not an ISO-8601 offset date-time (the message never
     *                                  contains the text)
     */
    public static OffsetDateTime parseCreatedAt(String text) {
        if (text == null || text.length() > MAX_CREATED_AT_LENGTH) {
            throw new IllegalArgumentException("created_at is " + (text == null ? "missing" : "too long"));
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created_at is not an ISO-8601 date-time with offset");
        }
    }

    /**
     * Reads a stored weight without ever running {@link BigDecimal}'s parser on huge text or
     * exponents: at most {@link #MAX_WEIGHT_LENGTH} characters, an optional {@code -}, up to 20
     * digits, an optional fraction of up to 20 digits and an optional exponent of up to 3 digits.
     *
     * @throws IllegalArgumentException otherwise (the message never contains the text)
     */
    public static BigDecimal parseWeight(String text) {
        if (text == null || text.length() > MAX_WEIGHT_LENGTH || !STORED_WEIGHT.matcher(text).matches()) {
            throw new IllegalArgumentException("weight is " + (text == null ? "missing" : "not a plain decimal"));
        }
        return new BigDecimal(text);
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
