package org.tracknum;

import java.math.BigDecimal;

/**
 * Turns a rejected value into the text of {@link FieldError#rejectedValue()}: control characters,
 * bidirectional controls, unpaired surrogates and the invisible characters of
 * {@link NameCharacters} removed (so the text is safe to log and to show),
 * then shortened to {@value #MAX_CODE_POINTS} code points followed by "…".
 */
final class RejectedValues {
    static final int MAX_CODE_POINTS = 64;
    static final String ELLIPSIS = "…";

    private RejectedValues() {
    }

    static String describe(Object value) {
        if (value == null) {
            return null;
        }
        return shorten(value instanceof BigDecimal ? plain((BigDecimal) value) : value.toString());
    }

    static String shorten(String text) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS * 2));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!NameCharacters.isSafeToShow(codePoint)) {
                continue;
            }
            if (count == MAX_CODE_POINTS) {
                return kept.append(ELLIPSIS).toString();
            }
            kept.appendCodePoint(codePoint);
            count++;
        }
        return kept.toString();
    }

    /** Plain notation, unless that would be huge (1E+1000000 stays as it is). */
    private static String plain(BigDecimal value) {
        return Math.abs((long) value.scale()) <= MAX_CODE_POINTS ? value.toPlainString() : value.toString();
    }
}
