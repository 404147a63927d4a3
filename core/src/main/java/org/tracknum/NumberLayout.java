package org.tracknum;

import java.math.BigInteger;

/**
 * One kind of number behind a {@link TrackingNumberFormat}: prefix + random characters + optional
 * check character ({@link RandomLayout}), or UPU S10 ({@link S10Layout}). Immutable, thread-safe.
 */
interface NumberLayout {

    /** A fresh random number for {@code request}: lock-free, a few small allocations. */
    String candidate(ShipmentRequest request);

    /** Whether {@code number} has this layout's prefix, alphabet, length and check character. */
    boolean matches(String number);

    /** Distinct numbers for one route. */
    BigInteger capacity();

    /** A one-line description for messages and logs. */
    String describe();

    /** Whether {@code number} holds an assigned ISO 3166-1 alpha-2 code at {@code from}. */
    static boolean isCountryCode(String number, int from) {
        char first = number.charAt(from);
        char second = number.charAt(from + 1);
        return first >= 'A' && first <= 'Z' && second >= 'A' && second <= 'Z'
                && CountryCodes.isAssigned(number.substring(from, from + 2));
    }
}
