package org.tracknum;

import java.math.BigInteger;
import java.util.Objects;

/**
 * How tracking numbers look. Every format yields numbers matching {@code ^[A-Z0-9]{1,16}$}.
 *
 * <p>The default format, as the reference service: origin country + destination country + 12
 * random characters from {@code [A-Z0-9]} (62 bits of randomness), e.g. {@code MYIDK3J9QX7P2MZA}.
 * Random characters come from a per-thread buffered {@link java.security.SecureRandom}.
 */
public final class TrackingNumberFormat {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final TrackingNumberFormat DEFAULT = new TrackingNumberFormat(ALPHANUMERIC, 12);

    private final String alphabet;
    private final int randomLength;

    private TrackingNumberFormat(String alphabet, int randomLength) {
        this.alphabet = alphabet;
        this.randomLength = randomLength;
    }

    /** Origin + destination + 12 characters of {@code [A-Z0-9]}: 16 characters in all. */
    public static TrackingNumberFormat defaultFormat() {
        return DEFAULT;
    }

    /** Whether {@code trackingNumber} has this format's shape. Offline: no I/O. */
    public boolean matches(String trackingNumber) {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        if (trackingNumber.length() != 4 + randomLength) {
            return false;
        }
        if (!CountryCodes.isAssigned(trackingNumber.substring(0, 2))
                || !CountryCodes.isAssigned(trackingNumber.substring(2, 4))) {
            return false;
        }
        for (int i = 4; i < trackingNumber.length(); i++) {
            if (alphabet.indexOf(trackingNumber.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of distinct numbers this format can issue for one route. */
    public BigInteger capacity() {
        return BigInteger.valueOf(alphabet.length()).pow(randomLength);
    }

    /** Draws a candidate for {@code request}; not yet reserved anywhere. */
    String candidate(ShipmentRequest request) {
        SecureRandomBuffer random = SecureRandomBuffer.current();
        char[] out = new char[4 + randomLength];
        request.originCountryId().getChars(0, 2, out, 0);
        request.destinationCountryId().getChars(0, 2, out, 2);
        int size = alphabet.length();
        for (int i = 4; i < out.length; i++) {
            out[i] = alphabet.charAt(random.nextInt(size));
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "route+" + randomLength + "x[A-Z0-9]";
    }
}
