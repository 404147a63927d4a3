package org.tracknum;

import java.math.BigInteger;
import java.util.Objects;
import org.tracknum.spi.SettingNames;

/**
 * How tracking numbers look. Every format yields numbers matching {@code ^[A-Z0-9]{1,16}$}; a
 * format that could not is refused when it is built, with a {@link ConfigurationException}.
 *
 * <ul>
 *   <li>{@link #defaultFormat()}: as the reference service, origin country + destination country
 *       + 12 random characters of {@code [0-9A-Z]} (62 bits), e.g. {@code MYIDK3J9QX7P2MZA}.</li>
 *   <li>{@link #builder()}: a route, fixed or no prefix; the {@code [0-9A-Z]} or the look-alike-free
 *       alphabet; the number of random characters; an optional ISO/IEC 7064 hybrid check
 *       character over the format's own alphabet (MOD 37,36 for {@code [0-9A-Z]}).</li>
 *   <li>{@link #s10(String)}: UPU S10 item identifiers such as {@code RR473124829MY}.</li>
 * </ul>
 *
 * <p>Random characters come from a per-thread buffered {@link java.security.SecureRandom}. The
 * randomness of a format is random length × log2(alphabet size); formats with fewer than 40 bits
 * are guessable and refused unless {@link Builder#allowWeak(boolean)} says otherwise. S10 numbers
 * have at most 10^8 serials per service indicator and origin country: numbers are drawn at random
 * and the generator retries collisions, so S10 spaces fill up and end in
 * {@link NumberSpaceExhaustedException}.
 */
public final class TrackingNumberFormat {
    private static final TrackingNumberFormat DEFAULT = builder().build();

    private final NumberLayout layout;

    private TrackingNumberFormat(NumberLayout layout) {
        this.layout = layout;
    }

    /** Origin + destination + 12 characters of {@code [0-9A-Z]}: 16 characters in all. */
    public static TrackingNumberFormat defaultFormat() {
        return DEFAULT;
    }

    /** A format of prefix + random characters + optional check character; defaults as {@link #defaultFormat()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * UPU S10 numbers over all 10^8 serials: {@code serviceIndicator} + 8-digit serial + check
     * digit + the origin country, e.g. {@code RR473124829MY}.
     *
     * @param serviceIndicator two upper-case letters, e.g. {@code RR} (registered), {@code CP} (parcel)
     * @throws ConfigurationException if the service indicator is not two letters A-Z
     */
    public static TrackingNumberFormat s10(String serviceIndicator) {
        return s10(serviceIndicator, FIRST_SERIAL, S10Layout.LAST_SERIAL);
    }

    /** The default S10 serial range: all of {@code [0, 99999999]}. */
    static final int FIRST_SERIAL = 0;

    /**
     * S10 from configuration: absent bounds take the defaults; a bad bound names its key.
     */
    static TrackingNumberFormat s10(String serviceIndicator, Integer firstSerial, Integer lastSerial) {
        int first = firstSerial == null ? FIRST_SERIAL : firstSerial;
        int last = lastSerial == null ? S10Layout.LAST_SERIAL : lastSerial;
        for (int i = 0; i < 2; i++) {
            int value = i == 0 ? first : last;
            if (value < 0 || value > S10Layout.LAST_SERIAL) {
                throw new ConfigurationException((i == 0 ? FormatConfiguration.SERIAL_MIN : FormatConfiguration.SERIAL_MAX)
                        + "=" + value + " is invalid: expected a serial from 0 to " + S10Layout.LAST_SERIAL);
            }
        }
        if (first > last) {
            throw new ConfigurationException(FormatConfiguration.SERIAL_MIN + "=" + first + " is above "
                    + FormatConfiguration.SERIAL_MAX + "=" + last + ": the serial range must not be empty");
        }
        return s10(serviceIndicator, first, last);
    }

    /**
     * UPU S10 numbers with serials drawn from {@code [firstSerial, lastSerial]}, e.g. the block a
     * postal operator assigned to this application. Capacity: {@code lastSerial - firstSerial + 1}
     * numbers per origin country.
     *
     * @throws ConfigurationException if the service indicator is not two letters A-Z or the range
     *                                is not within {@code 0 <= firstSerial <= lastSerial <= 99999999}
     */
    public static TrackingNumberFormat s10(String serviceIndicator, int firstSerial, int lastSerial) {
        return new TrackingNumberFormat(S10Layout.create(serviceIndicator, firstSerial, lastSerial));
    }

    /**
     * Whether {@code trackingNumber} has this format's prefix, alphabet, length and check
     * character. Offline: no I/O. A route prefix (and the trailing country of S10) accepts any two
     * officially assigned country codes; an S10 serial is accepted outside the configured range, so
     * numbers issued under an earlier range still pass.
     */
    public boolean matches(String trackingNumber) {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        return layout.matches(trackingNumber);
    }

    /**
     * The number of distinct numbers this format can issue for one route. With a fixed or no prefix
     * all routes share this space; with S10 all routes from one origin country share it.
     */
    public BigInteger capacity() {
        return layout.capacity();
    }

    /** Draws a candidate for {@code request}; not yet reserved anywhere. */
    String candidate(ShipmentRequest request) {
        return layout.candidate(request);
    }

    /** A description such as {@code route prefix + 12 random [0-9A-Z] (62.0 bits)} or {@code S10 RR, serials 0-99999999}. */
    @Override
    public String toString() {
        return layout.describe();
    }

    /** The alphabets of random and check characters. */
    public enum Alphabet {
        /** {@code [0-9A-Z]}, 36 characters (5.17 bits each); check characters use MOD 37,36. */
        ALPHANUMERIC("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[0-9A-Z]"),
        /**
         * {@code [2-9A-HJKMNPR-Z]}, 30 characters (4.91 bits each) without the look-alikes 0/O/Q and
         * 1/I/L; check characters use MOD 31,30 over these 30 characters, so they never show a
         * look-alike either.
         */
        UNAMBIGUOUS("23456789ABCDEFGHJKMNPRSTUVWXYZ", "[2-9A-HJKMNPR-Z]");

        private final SymbolTable symbols;
        private final String pattern;

        Alphabet(String characters, String pattern) {
            this.symbols = new SymbolTable(characters);
            this.pattern = pattern;
        }

        /** The alphabet as a regular-expression character class, e.g. {@code [0-9A-Z]}. */
        public String pattern() {
            return pattern;
        }

        SymbolTable symbols() {
            return symbols;
        }
    }

    /**
     * Builds a prefix + random + optional check character format. Defaults: route prefix,
     * {@link Alphabet#ALPHANUMERIC}, no check character, as many random characters as fill 16
     * characters. {@link #build()} checks the combination.
     */
    public static final class Builder {
        static final Alphabet DEFAULT_ALPHABET = Alphabet.ALPHANUMERIC;
        static final boolean DEFAULT_CHECK_CHARACTER = false;
        static final boolean DEFAULT_ALLOW_WEAK = false;

        private RandomLayout.Prefix prefix = RandomLayout.Prefix.ROUTE;
        private String fixedPrefix;
        private Alphabet alphabet = DEFAULT_ALPHABET;
        private int randomLength;
        private boolean checkCharacter = DEFAULT_CHECK_CHARACTER;
        private boolean allowWeak = DEFAULT_ALLOW_WEAK;
        private SettingNames names = SettingNames.METHODS;

        private Builder() {
        }

        /** Messages name the {@code tracknum.format.*} keys rather than the methods. */
        Builder fromConfiguration() {
            this.names = SettingNames.KEYS;
            return this;
        }

        /** Origin + destination country code (4 characters), as the reference service. The default. */
        public Builder routePrefix() {
            this.prefix = RandomLayout.Prefix.ROUTE;
            return this;
        }

        /** A carrier prefix such as {@code TN}: 1 to 15 characters of {@code [A-Z0-9]} (and of the alphabet). */
        public Builder fixedPrefix(String fixedPrefix) {
            this.prefix = RandomLayout.Prefix.FIXED;
            this.fixedPrefix = Objects.requireNonNull(fixedPrefix, "fixedPrefix");
            return this;
        }

        /** Random characters (and check character) only. */
        public Builder noPrefix() {
            this.prefix = RandomLayout.Prefix.NONE;
            return this;
        }

        public Builder alphabet(Alphabet alphabet) {
            this.alphabet = Objects.requireNonNull(alphabet, "alphabet");
            return this;
        }

        /** Random characters per number, at least 1; by default whatever fills 16 characters. */
        public Builder randomLength(int randomLength) {
            // From code, a length above 16 is reported by build() with the length it would give.
            if (randomLength < 1 || (names == SettingNames.KEYS && randomLength > RandomLayout.MAX_LENGTH)) {
                throw new ConfigurationException(names.assignment(FormatConfiguration.RANDOM_LENGTH, "randomLength",
                        randomLength) + " is invalid: a format needs 1 to " + RandomLayout.MAX_LENGTH
                        + " random characters (at least 1 random character)");
            }
            this.randomLength = randomLength;
            return this;
        }

        /** Appends an ISO/IEC 7064 hybrid check character (MOD 37,36 or MOD 31,30) over the whole number. */
        public Builder checkCharacter(boolean checkCharacter) {
            this.checkCharacter = checkCharacter;
            return this;
        }

        /** Accepts formats with fewer than 40 bits of randomness (guessable numbers). Default false. */
        public Builder allowWeak(boolean allowWeak) {
            this.allowWeak = allowWeak;
            return this;
        }

        /**
         * @throws ConfigurationException if the numbers could exceed 16 characters, the prefix is
         *                                not {@code [A-Z0-9]} (or not in the look-alike-free
         *                                alphabet), or they would carry fewer than 40 random bits
         *                                without {@link #allowWeak(boolean)}; the message gives the
         *                                computed length and bits
         */
        public TrackingNumberFormat build() {
            return new TrackingNumberFormat(RandomLayout.create(prefix, fixedPrefix, alphabet, randomLength,
                    checkCharacter, allowWeak));
        }
    }
}
