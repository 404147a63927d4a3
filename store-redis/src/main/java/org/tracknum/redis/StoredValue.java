package org.tracknum.redis;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.StoredRequests;

/**
 * The value stored under a number's key, format version 1 (a compatibility contract, documented
 * in docs/redis.md): ten fields joined by {@code |}, readable with {@code redis-cli GET}:
 *
 * <pre>1|reservation-id|issued-at|origin|destination|weight|created-at|customer-id|customer-slug|customer-name</pre>
 *
 * <p>Instants and date-times are ISO-8601 ({@code created_at} keeps its offset), the weight is a
 * plain decimal with its scale. The customer name comes last and is taken verbatim, so it may
 * contain {@code |}; no other field may (a validated request never has one there). The
 * reservation id is the per-attempt token that lets a retry recognise its own earlier write.
 *
 * <p>Every version starts with its number and {@code |}. A value of another version is reported as
 * {@link UnknownVersion}, anything else that does not parse as a plain {@link IllegalArgumentException}.
 */
final class StoredValue {
    static final String VERSION = "1";
    private static final char SEPARATOR = '|';
    private static final int FIELDS = 10;

    /**
     * The longest value {@code find} reads: a version-1 value is at most about 1,300 bytes (a
     * 255-code-point name is at most 1,020); the headroom leaves room for later versions.
     */
    static final int MAX_VALUE_BYTES = 16 * 1024;

    private StoredValue() {
    }

    /**
     * The value's text: at most {@link #MAX_VALUE_BYTES} bytes of well-formed UTF-8.
     *
     * @throws IllegalArgumentException otherwise (naming neither the value nor its bytes)
     */
    static String text(byte[] raw) {
        if (raw.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the value is not UTF-8 text");
        }
    }

    /** @throws IllegalArgumentException if a field is missing or would break the encoding */
    static String encode(Reservation reservation) {
        ShipmentRequest request = reservation.request();
        StringBuilder value = new StringBuilder(200).append(VERSION);
        append(value, "reservation id", reservation.reservationId());
        append(value, "issued at", reservation.issuedAt());
        append(value, "origin_country_id", request.originCountryId());
        append(value, "destination_country_id", request.destinationCountryId());
        append(value, "weight", request.weightKg() == null ? null : request.weightKg().toPlainString());
        append(value, "created_at", request.createdAt() == null ? null
                : StoredRequests.createdAtText(request.createdAt()));
        append(value, "customer_id", request.customerId());
        append(value, "customer_slug", request.customerSlug());
        if (request.customerName() == null) {
            throw new IllegalArgumentException("customer_name is missing");
        }
        return value.append(SEPARATOR).append(request.customerName()).toString();
    }

    private static void append(StringBuilder value, String field, Object content) {
        if (content == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String text = content.toString();
        if (text.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(field + " contains '" + SEPARATOR + "'");
        }
        value.append(SEPARATOR).append(text);
    }

    /** The reservation id inside a version-1 value, or {@code null} for any other value. */
    static String token(String value) {
        int start = VERSION.length() + 1;
        if (value.length() <= start || !value.startsWith(VERSION) || value.charAt(start - 1) != SEPARATOR) {
            return null;
        }
        int end = value.indexOf(SEPARATOR, start);
        return end < 0 ? null : value.substring(start, end);
    }

    /** A value written in a format version this code does not read (by a newer Tracknum). */
    static final class UnknownVersion extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownVersion(String version) {
            super("format version " + version + ", which this Tracknum does not read (it reads version " + VERSION
                    + ")");
        }
    }

    /**
     * @throws UnknownVersion           if {@code value} is of another format version
     * @throws IllegalArgumentException if {@code value} is not a version-1 value
     */
    static IssuedTrackingNumber decode(String trackingNumber, String value) {
        String[] f = value.split("\\|", FIELDS);
        if (f.length > 1 && !VERSION.equals(f[0]) && f[0].matches("[0-9]{1,4}")) {
            throw new UnknownVersion(f[0]);
        }
        if (f.length != FIELDS || !VERSION.equals(f[0])) {
            String version = f[0].matches("[0-9]{1,4}") ? "version " + f[0] : "no version";
            throw new IllegalArgumentException("not a version-" + VERSION + " Tracknum value (" + version + ", "
                    + f.length + " fields)");
        }
        if (f[9].length() > 2 * 255 || f[8].length() > 255) {
            throw new IllegalArgumentException("malformed Tracknum value: customer_name or customer_slug is too long");
        }
        if (f[7].length() != 36) {
            throw new IllegalArgumentException("malformed Tracknum value: customer_id is not a UUID");
        }
        try {
            ShipmentRequest request = StoredRequests.restore(f[3], f[4], StoredRequests.parseWeight(f[5]),
                    StoredRequests.parseCreatedAt(f[6]), UUID.fromString(f[7]), f[9], f[8]);
            return new IssuedTrackingNumber(trackingNumber, request, Instant.parse(f[2]));
        } catch (RuntimeException e) {
            // the cause's message may quote the value: it is not kept
            throw new IllegalArgumentException("malformed Tracknum value: " + e.getClass().getSimpleName());
        }
    }
}
