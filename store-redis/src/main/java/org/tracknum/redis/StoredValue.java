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
 * The value stored under a number's key (a compatibility contract, documented in docs/redis.md),
 * fields joined by {@code |}, readable with {@code redis-cli GET}. Format version 1, for a number
 * issued without an idempotency key (ten fields):
 *
 * <pre>1|reservation-id|issued-at|origin|destination|weight|created-at|customer-id|customer-slug|customer-name</pre>
 *
 * <p>Format version 2, for a number issued with an idempotency key (twelve fields): version 1's
 * first nine, then the number itself and the key (with {@code %}, {@code |}, <code>{</code> and
 * <code>}</code> percent-escaped, see {@link IdempotencyClaim}), then the name. The same string is
 * also the key's claim ({@link IdempotencyClaim}), which is why it names its number:
 *
 * <pre>2|reservation-id|issued-at|origin|destination|weight|created-at|customer-id|customer-slug|tracking-number|idempotency-key|customer-name</pre>
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
    /** The version of a value that carries an idempotency key. */
    static final String KEYED_VERSION = "2";
    private static final char SEPARATOR = '|';
    private static final int FIELDS = 10;
    private static final int KEYED_FIELDS = 12;
    private static final int TOKEN_LENGTH = 36;

    /**
     * The longest value {@code find} reads: a version-1 value is at most about 1,300 bytes (a
     * 255-code-point name is at most 1,020), a version-2 value adds the number and the escaped key
     * (at most 765 bytes); the headroom leaves room for later versions.
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
        boolean keyed = reservation.hasIdempotencyKey();
        StringBuilder value = new StringBuilder(200).append(keyed ? KEYED_VERSION : VERSION);
        append(value, "reservation id", reservation.reservationId());
        append(value, "issued at", reservation.issuedAt());
        append(value, "origin_country_id", request.originCountryId());
        append(value, "destination_country_id", request.destinationCountryId());
        append(value, "weight", request.weightKg() == null ? null : request.weightKg().toPlainString());
        append(value, "created_at", request.createdAt() == null ? null
                : StoredRequests.createdAtText(request.createdAt()));
        append(value, "customer_id", request.customerId());
        append(value, "customer_slug", request.customerSlug());
        if (keyed) {
            append(value, "tracking number", reservation.trackingNumber());
            append(value, "idempotency key", IdempotencyClaim.escape(reservation.idempotencyKey()));
        }
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

    /** The reservation id inside a version-1 or version-2 value, or {@code null} for any other value. */
    static String token(String value) {
        int start = 2;
        if (value == null || value.length() <= start + TOKEN_LENGTH || value.charAt(1) != SEPARATOR
                || (value.charAt(0) != VERSION.charAt(0) && value.charAt(0) != KEYED_VERSION.charAt(0))) {
            return null;
        }
        int end = start + TOKEN_LENGTH;
        return value.charAt(end) == SEPARATOR ? value.substring(start, end) : null;
    }

    /** A value written in a format version this code does not read (by a newer Tracknum). */
    static final class UnknownVersion extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownVersion(String version) {
            super("format version " + version + ", which this Tracknum does not read (it reads versions " + VERSION
                    + " and " + KEYED_VERSION + ")");
        }
    }

    /**
     * @throws UnknownVersion           if {@code value} is of another format version
     * @throws IllegalArgumentException if {@code value} is not a version-1 or version-2 value
     */
    static IssuedTrackingNumber decode(String trackingNumber, String value) {
        if (value.startsWith(KEYED_VERSION + SEPARATOR)) {
            return decode(trackingNumber, withoutKey(trackingNumber, value));
        }
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

    /**
     * A version-2 value as the version-1 value of the same issue (the number and the key dropped),
     * after checking that it names {@code trackingNumber}.
     */
    private static String withoutKey(String trackingNumber, String value) {
        String[] f = value.split("\\|", KEYED_FIELDS);
        if (f.length != KEYED_FIELDS) {
            throw new IllegalArgumentException("not a version-" + KEYED_VERSION + " Tracknum value (version "
                    + KEYED_VERSION + ", " + f.length + " fields)");
        }
        if (!f[9].equals(trackingNumber)) {
            throw new IllegalArgumentException("a version-" + KEYED_VERSION + " Tracknum value of another tracking number");
        }
        StringBuilder v1 = new StringBuilder(value.length()).append(VERSION);
        for (int i = 1; i < 9; i++) {
            v1.append(SEPARATOR).append(f[i]);
        }
        return v1.append(SEPARATOR).append(f[11]).toString();
    }

    /** The fields of a version-2 value that a claim needs: reservation id, number, key, customer id. */
    static String[] keyedFields(String value) {
        String[] f = value.split("\\|", KEYED_FIELDS);
        if (f.length != KEYED_FIELDS || !KEYED_VERSION.equals(f[0])) {
            String version = f[0].matches("[0-9]{1,4}") ? "version " + f[0] : "no version";
            throw new IllegalArgumentException("not a version-" + KEYED_VERSION + " Tracknum claim (" + version + ", "
                    + f.length + " fields)");
        }
        return new String[] {f[1], f[9], f[10], f[7]};
    }
}
