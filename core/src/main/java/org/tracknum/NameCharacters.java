package org.tracknum;

/**
 * The characters a customer name must not contain because they are invisible or change how the
 * text around them is displayed, and the kind each belongs to (for the message).
 *
 * <p>Java 17's {@link Character} follows Unicode 13 and has no Default_Ignorable_Code_Point
 * property, so the set is written out here from the Unicode 15.1 definition
 * (DerivedCoreProperties.txt: {@code Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
 * - White_Space - FFF9..FFFB - 13430..1343F - Prepended_Concatenation_Mark}, unassigned code points
 * of the reserved ranges included). The list is unchanged in Unicode 16.0. Bidi_Control
 * (PropList.txt: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) is a subset of it.
 */
final class NameCharacters {
    /** Default_Ignorable_Code_Point, Unicode 15.1: inclusive ranges, sorted. */
    private static final int[][] DEFAULT_IGNORABLE = {
        {0x00AD, 0x00AD},   // soft hyphen
        {0x034F, 0x034F},   // combining grapheme joiner
        {0x061C, 0x061C},   // Arabic letter mark
        {0x115F, 0x1160},   // Hangul choseong and jungseong fillers
        {0x17B4, 0x17B5},   // Khmer inherent vowels
        {0x180B, 0x180F},   // Mongolian free variation selectors, vowel separator
        {0x200B, 0x200F},   // zero-width space, ZWNJ, ZWJ, LRM, RLM
        {0x202A, 0x202E},   // bidirectional embeddings and overrides
        {0x2060, 0x206F},   // word joiner, invisible operators, isolates, deprecated format characters
        {0x3164, 0x3164},   // Hangul filler
        {0xFE00, 0xFE0F},   // variation selectors 1-16
        {0xFEFF, 0xFEFF},   // zero-width no-break space (byte-order mark)
        {0xFFA0, 0xFFA0},   // halfwidth Hangul filler
        {0xFFF0, 0xFFF8},   // reserved
        {0x1BCA0, 0x1BCA3}, // shorthand format controls
        {0x1D173, 0x1D17A}, // musical symbol beam and slur controls
        {0xE0000, 0xE0FFF}, // tags, variation selectors 17-256, reserved
    };

    /** What a rejected character is, as the message names it. */
    enum Kind {
        BYTE_ORDER_MARK("a byte-order mark"),
        BIDI_MARK("a bidirectional control character"),
        LINE_SEPARATOR("a line or paragraph separator"),
        TAG("a tag character"),
        NONCHARACTER("a noncharacter"),
        LONE_JOINER("a zero-width joiner or non-joiner that is not between letters"),
        INVISIBLE("an invisible (default-ignorable) character");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The message: kind, code point in U+ notation (never the character) and 1-based position. */
        String message(int codePoint, int position) {
            return "must not contain " + description + " (" + String.format("U+%04X", codePoint) + " at character "
                    + position + ")";
        }
    }

    private NameCharacters() {
    }

    static boolean isDefaultIgnorable(int codePoint) {
        int low = 0;
        int high = DEFAULT_IGNORABLE.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int[] range = DEFAULT_IGNORABLE[middle];
            if (codePoint < range[0]) {
                high = middle - 1;
            } else if (codePoint > range[1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** U+FDD0–U+FDEF and the last two code points of every plane. */
    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /**
     * The kind of a code point a name must not contain, {@code null} if it may (subject to context
     * for ZWNJ/ZWJ, which the caller checks). Control characters (Cc), the bidirectional
     * embeddings, overrides and isolates and unpaired surrogates are rules of their own
     * ({@link CustomerName}) and are not classified here.
     */
    static Kind kindOf(int codePoint) {
        if (codePoint == 0xFEFF) {
            return Kind.BYTE_ORDER_MARK;
        }
        if (codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F) {
            return Kind.BIDI_MARK;
        }
        if (codePoint == 0x2028 || codePoint == 0x2029) {
            return Kind.LINE_SEPARATOR;
        }
        if (codePoint >= 0xE0000 && codePoint <= 0xE007F) {
            return Kind.TAG;
        }
        if (isNoncharacter(codePoint)) {
            return Kind.NONCHARACTER;
        }
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return Kind.LONE_JOINER;
        }
        if ((isDefaultIgnorable(codePoint) && !CustomerName.Validator.isControl(codePoint))
                || (codePoint >= 0xFFF9 && codePoint <= 0xFFFB)) {
            return Kind.INVISIBLE;
        }
        return null;
    }

    /** A letter or a combining mark (which belongs to the letter before it). */
    static boolean isLetterOrMark(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /**
     * A character that shows on its own: not white space, not a combining mark, not a control or
     * format character, and nothing {@link #kindOf} names.
     */
    static boolean isVisible(int codePoint) {
        if (kindOf(codePoint) != null || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK:
                return false;
            default:
                return true;
        }
    }

    /** Text safe to show: neither a control character nor anything {@link #kindOf} names. */
    static boolean isSafeToShow(int codePoint) {
        return !CustomerName.Validator.isControl(codePoint) && Character.getType(codePoint) != Character.SURROGATE
                && kindOf(codePoint) == null;
    }
}
