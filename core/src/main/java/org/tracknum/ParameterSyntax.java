package org.tracknum;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Strict parsers for the API's string parameters. Each returns {@code null} when the text does
 * not have the required syntax; the rules on the parsed value live in the constraints.
 */
final class ParameterSyntax {
    private static final int LONGEST_DATE_TIME = "2018-11-20T19:29:32.123456789+08:00".length();
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private ParameterSyntax() {
    }

    /**
     * A plain decimal: ASCII digits with at most one decimal point between digits; no sign,
     * exponent, spaces or other digits. Leading zeros of the integer part and trailing zeros of
     * the fraction are insignificant. Huge inputs never reach {@link BigDecimal}'s (quadratic)
     * parser: an integer part of more than 6 significant digits becomes 1 000 000 and a fraction of
     * more than 4 significant digits is cut to 4 ending in 1, which breaks exactly the same weight
     * rules as the original (too large, too many decimals). Valid weights are returned exactly.
     */
    static BigDecimal weight(String text) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (!isDigits(whole) || !isDigits(fraction) || whole.isEmpty() || (dot >= 0 && fraction.isEmpty())) {
            return null;
        }
        whole = stripLeadingZeros(whole);
        fraction = stripTrailingZeros(fraction);
        if (whole.length() > 6) {
            whole = "1000000";
        }
        if (fraction.length() > 4) {
            fraction = fraction.substring(0, 3) + "1";
        }
        return new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
    }

    /**
     * An RFC 3339 {@code date-time}: {@code YYYY-MM-DDTHH:MM:SS}, an optional fraction of 1 to 9
     * digits, and {@code Z} or {@code ±HH:MM}. Lower-case {@code t} and {@code z} are accepted (RFC
     * 3339 section 5.6 allows them). A space in place of the offset's {@code +} is read as
     * {@code +}: it is what an unencoded {@code +} in a query string decodes to. Out-of-range parts
     * (month 13, February 30, hour 24, second 60) and offsets beyond ±18:00 are rejected, and so is
     * {@code -00:00} (see {@link Rfc3339DateTime}).
     */
    static OffsetDateTime createdAt(String text) {
        int length = text.length();
        if (length < 20 || length > LONGEST_DATE_TIME || !hasDateTimeShape(text)) {
            return null;
        }
        int end = 19;
        int nanos = 0;
        if (text.charAt(end) == '.') {
            int start = end + 1;
            end = start;
            while (end < length && isDigit(text.charAt(end))) {
                end++;
            }
            int digits = end - start;
            if (digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(text, start, digits) * POWERS_OF_TEN[9 - digits];
        }
        ZoneOffset offset = offset(text, end);
        if (offset == null || hasUnknownLocalOffset(text)) {
            return null;
        }
        try {
            return OffsetDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), nanos, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** True if {@code text} ends in the offset {@code -00:00} (RFC 3339: local offset unknown). */
    static boolean hasUnknownLocalOffset(String text) {
        return text.length() >= 20 && text.length() <= LONGEST_DATE_TIME && text.endsWith("-00:00");
    }

    /**
     * A UUID in its canonical text form: 36 characters, hyphens at positions 8, 13, 18 and 23,
     * ASCII hex digits (either case) elsewhere. {@link UUID#fromString} alone would also take
     * {@code 1-1-1-1-1}.
     */
    static UUID customerId(String text) {
        if (text.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphenPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPosition ? c != '-' : !isHexDigit(c)) {
                return null;
            }
        }
        return UUID.fromString(text);
    }

    private static boolean hasDateTimeShape(String s) {
        char t = s.charAt(10);
        return isDigits(s, 0, 4) && s.charAt(4) == '-' && isDigits(s, 5, 2) && s.charAt(7) == '-'
                && isDigits(s, 8, 2) && (t == 'T' || t == 't') && isDigits(s, 11, 2) && s.charAt(13) == ':'
                && isDigits(s, 14, 2) && s.charAt(16) == ':' && isDigits(s, 17, 2);
    }

    private static ZoneOffset offset(String s, int start) {
        int rest = s.length() - start;
        if (rest == 1 && (s.charAt(start) == 'Z' || s.charAt(start) == 'z')) {
            return ZoneOffset.UTC;
        }
        char sign = rest == 6 ? s.charAt(start) : '?';
        if ((sign != '+' && sign != '-' && sign != ' ') || !isDigits(s, start + 1, 2)
                || s.charAt(start + 3) != ':' || !isDigits(s, start + 4, 2)) {
            return null;
        }
        int hours = number(s, start + 1, 2);
        int minutes = number(s, start + 4, 2);
        if (hours > 23 || minutes > 59) {
            return null;
        }
        int direction = sign == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(direction * hours, direction * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isDigits(String s) {
        return isDigits(s, 0, s.length());
    }

    private static boolean isDigits(String s, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int start, int count) {
        int n = 0;
        for (int i = start; i < start + count; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
