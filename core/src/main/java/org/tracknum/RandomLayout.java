package org.tracknum;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Prefix + random characters from an alphabet + an optional ISO/IEC 7064 hybrid check character
 * over the whole number before it. The check counts prefix characters with their {@code [0-9A-Z]}
 * value (0-9, A=10 ... Z=35) reduced modulo the alphabet size, and the random characters with
 * their position in the alphabet; for {@code [0-9A-Z]} that is plain MOD 37,36 of the number, and
 * for the 30-character alphabet the 26 letters of a route prefix still have distinct values.
 */
final class RandomLayout implements NumberLayout {
    static final int MAX_LENGTH = 16;
    static final double MIN_BITS = 40;

    /** Where the prefix comes from. */
    enum Prefix { ROUTE, FIXED, NONE }

    private final Prefix prefix;
    private final String fixedPrefix;
    private final TrackingNumberFormat.Alphabet alphabet;
    private final SymbolTable symbols;
    private final int prefixLength;
    private final int randomLength;
    private final Iso7064Hybrid check;
    private final int length;

    private RandomLayout(Prefix prefix, String fixedPrefix, TrackingNumberFormat.Alphabet alphabet,
                         int randomLength, boolean withCheck) {
        this.prefix = prefix;
        this.fixedPrefix = fixedPrefix;
        this.alphabet = alphabet;
        this.symbols = alphabet.symbols();
        this.prefixLength = prefix == Prefix.ROUTE ? 4 : fixedPrefix.length();
        this.randomLength = randomLength;
        this.check = withCheck ? new Iso7064Hybrid(symbols.size()) : null;
        this.length = prefixLength + randomLength + (withCheck ? 1 : 0);
    }

    /**
     * Checks a combination and builds it.
     *
     * @param randomLength random characters (at least 1), or 0 to fill the number up to 16 characters
     * @throws ConfigurationException naming what is wrong, with the computed length and bits
     */
    static RandomLayout create(Prefix prefix, String fixedPrefix, TrackingNumberFormat.Alphabet alphabet,
                               int randomLength, boolean withCheck, boolean allowWeak) {
        String fixed = prefix == Prefix.FIXED ? checkedFixedPrefix(fixedPrefix, alphabet) : "";
        int prefixLength = prefix == Prefix.ROUTE ? 4 : fixed.length();
        int random = randomLength != 0 ? randomLength : MAX_LENGTH - prefixLength - (withCheck ? 1 : 0);
        if (random < 1) {
            throw new ConfigurationException("format refused: prefix " + fixed
                    + (withCheck ? " and a check character leave" : " leaves") + " no room for random characters within "
                    + MAX_LENGTH + ": shorten the prefix");
        }
        RandomLayout layout = new RandomLayout(prefix, fixed, alphabet, random, withCheck);
        layout.checkSize(allowWeak);
        return layout;
    }

    private static String checkedFixedPrefix(String fixedPrefix, TrackingNumberFormat.Alphabet alphabet) {
        if (fixedPrefix == null || !fixedPrefix.matches("[A-Z0-9]{1,15}")) {
            throw new ConfigurationException("fixed prefix " + (fixedPrefix == null ? "null" : '"' + fixedPrefix + '"')
                    + " is invalid: expected 1 to 15 characters of [A-Z0-9], e.g. TN");
        }
        for (int i = 0; i < fixedPrefix.length(); i++) {
            if (!alphabet.symbols().contains(fixedPrefix.charAt(i))) {
                throw new ConfigurationException("fixed prefix \"" + fixedPrefix + "\" contains "
                        + fixedPrefix.charAt(i) + ", which the " + alphabet.name().toLowerCase(Locale.ROOT)
                        + " alphabet " + alphabet.pattern() + " leaves out as a look-alike: choose a prefix from "
                        + alphabet.pattern() + " or the alphanumeric alphabet");
            }
        }
        return fixedPrefix;
    }

    private void checkSize(boolean allowWeak) {
        double bits = bits();
        String summary = shape() + " would be " + length + " characters long with "
                + String.format(Locale.ROOT, "%.1f", bits) + " bits of randomness (" + randomLength
                + " random characters x log2(" + symbols.size() + "))";
        if (length > MAX_LENGTH) {
            throw new ConfigurationException("format refused: " + summary + "; tracking numbers have at most "
                    + MAX_LENGTH + " characters: shorten the prefix or the random part");
        }
        if (bits < MIN_BITS && !allowWeak) {
            throw new ConfigurationException("format refused: " + summary + "; at least " + (int) MIN_BITS
                    + " bits are required so that numbers cannot be guessed: use more random characters, or allow"
                    + " weak formats explicitly (allowWeak(true), tracknum.format.allow-weak=true)");
        }
    }

    private double bits() {
        return randomLength * Math.log(symbols.size()) / Math.log(2);
    }

    @Override
    public String candidate(ShipmentRequest request) {
        char[] out = new char[length];
        if (prefix == Prefix.ROUTE) {
            request.originCountryId().getChars(0, 2, out, 0);
            request.destinationCountryId().getChars(0, 2, out, 2);
        } else {
            fixedPrefix.getChars(0, prefixLength, out, 0);
        }
        symbols.draw(SecureRandomBuffer.current(), out, prefixLength, randomLength);
        if (check != null) {
            out[length - 1] = symbols.symbol(checkValue(out));
        }
        return new String(out);
    }

    /** The check value for the characters before the last one. */
    private int checkValue(char[] number) {
        int state = check.start();
        int size = symbols.size();
        for (int i = 0; i < prefixLength; i++) {
            state = check.next(state, Character.digit(number[i], 36) % size);
        }
        for (int i = prefixLength; i < length - 1; i++) {
            state = check.next(state, symbols.valueOf(number[i]));
        }
        return check.checkValue(state);
    }

    @Override
    public boolean matches(String number) {
        if (number.length() != length || !prefixMatches(number)) {
            return false;
        }
        for (int i = prefixLength; i < length; i++) {
            if (!symbols.contains(number.charAt(i))) {
                return false;
            }
        }
        return check == null || symbols.valueOf(number.charAt(length - 1)) == checkValue(number.toCharArray());
    }

    private boolean prefixMatches(String number) {
        switch (prefix) {
            case ROUTE:
                return NumberLayout.isCountryCode(number, 0) && NumberLayout.isCountryCode(number, 2);
            case FIXED:
                return number.startsWith(fixedPrefix);
            default:
                return true;
        }
    }

    @Override
    public BigInteger capacity() {
        return BigInteger.valueOf(symbols.size()).pow(randomLength);
    }

    @Override
    public String describe() {
        return shape() + String.format(Locale.ROOT, " (%.1f bits)", bits());
    }

    private String shape() {
        String start = prefix == Prefix.ROUTE ? "route prefix + " : prefix == Prefix.FIXED ? fixedPrefix + " + " : "";
        String end = check == null ? "" : " + " + check + " check character";
        return start + randomLength + " random " + alphabet.pattern() + end;
    }
}
