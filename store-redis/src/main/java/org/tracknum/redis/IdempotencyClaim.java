package org.tracknum.redis;

import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.spi.Reservation;

/**
 * The claim of one (customer, idempotency key): the Redis key {@code prefix + "k:" + customer-id +
 * ":" + escaped key} holds the version-2 value of the reservation that claimed it ({@link StoredValue}),
 * which names the claimed number. The claim is settled once that number's key holds the very same
 * value (same reservation id); it is dead, and may be replaced, once the number's key holds any
 * other value, because number keys are written only with {@code SET NX} and never change.
 *
 * <p>The key text is escaped so that the Redis key is unambiguous and Cluster-safe: {@code %}
 * becomes {@code %25}, {@code |} {@code %7C}, <code>{</code> {@code %7B} and <code>}</code>
 * {@code %7D} (a brace would otherwise make a Cluster hash tag of the caller's key). The customer
 * id has a fixed length, so the key is everything after it.
 *
 * @param value          the claim's value as stored
 * @param token          the reservation id of the claiming attempt
 * @param trackingNumber the number it claims
 */
record IdempotencyClaim(String value, String token, String trackingNumber) {
    /** Between the prefix and the customer id: never the start of a number (upper case and digits only). */
    static final String MARK = "k:";
    static final int MAX_KEY_LENGTH = 255;

    /** The Redis key of {@code customerId}'s {@code idempotencyKey}. */
    static String key(String prefix, UUID customerId, String idempotencyKey) {
        return prefix + MARK + customerId + ':' + escape(idempotencyKey);
    }

    /** The Redis key of a keyed reservation's claim. */
    static String key(String prefix, Reservation reservation) {
        return key(prefix, reservation.request().customerId(), reservation.idempotencyKey());
    }

    /**
     * Parses a claim read from {@code customerId}'s {@code idempotencyKey}.
     *
     * @throws IllegalArgumentException if the value is not a version-2 value of that customer's key,
     *                                  or names a malformed number (never echoing the value)
     */
    static IdempotencyClaim parse(String value, UUID customerId, String idempotencyKey) {
        String[] fields = StoredValue.keyedFields(value);
        String token = fields[0];
        String number = fields[1];
        if (!number.matches("[A-Z0-9]{1,16}") || StoredValue.token(value) == null) {
            throw new IllegalArgumentException("a Tracknum claim with a malformed tracking number or reservation id");
        }
        if (!fields[2].equals(escape(idempotencyKey)) || !fields[3].equals(customerId.toString())) {
            throw new IllegalArgumentException("a Tracknum claim of another customer or key");
        }
        return new IdempotencyClaim(value, token, number);
    }

    /** The claim of {@code reservation} itself, whose value is {@code value}. */
    static IdempotencyClaim of(Reservation reservation, String value) {
        return new IdempotencyClaim(value, reservation.reservationId().toString(), reservation.trackingNumber());
    }

    boolean isOf(Reservation reservation) {
        return token.equals(reservation.reservationId().toString());
    }

    /** The number as issued to the claiming attempt, from the claim's own value. */
    IssuedTrackingNumber issued() {
        return StoredValue.decode(trackingNumber, value);
    }

    /**
     * True if {@code numberValue}, the value of this claim's number key, is this claim's: the
     * claim is settled. {@code null} (not written yet) is not.
     */
    boolean settledBy(String numberValue) {
        return numberValue != null && token.equals(StoredValue.token(numberValue));
    }

    /** Percent-escapes {@code %}, {@code |} and braces; any other visible ASCII stays as it is. */
    static String escape(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        StringBuilder escaped = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("idempotency key holds a character outside 0x21-0x7E at index " + i);
            }
            String replacement = c == '%' ? "%25" : c == '|' ? "%7C" : c == '{' ? "%7B" : c == '}' ? "%7D" : null;
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(key.length() + 8).append(key, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? key : escaped.toString();
    }
}
