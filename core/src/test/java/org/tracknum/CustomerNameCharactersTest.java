package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.tracknum.ValidRequests.parametersWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The customer name's character rules (docs/validation.md, "customer_name characters"). */
class CustomerNameCharactersTest {

    private static List<String> errorsOf(String name) {
        InvalidRequestException e = catchThrowableOfType(
                () -> ShipmentRequest.fromParameters(parametersWith("customer_name", name)),
                InvalidRequestException.class);
        if (e == null) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        for (FieldError error : e.errors()) {
            assertThat(error.field()).isEqualTo("customer_name");
            assertThat(error.rejectedValue()).isNull();
            messages.add(error.message());
        }
        return messages;
    }

    static Stream<Arguments> realNames() {
        return Stream.of(
                arguments("Latin with marks", "Zoë Ångström-Łukasiewicz"),
                arguments("decomposed marks", "Zoe\u0308 Ha\u0301jek"),
                arguments("apostrophe, hyphen, period, ampersand, digits", "O'Brien-Smith & Sons Ltd. 2"),
                arguments("typographic apostrophe", "D\u2019Angelo"),
                arguments("Persian with ZWNJ", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"),
                arguments("Devanagari with ZWJ after virama", "\u0915\u094D\u200D\u0937\u093F\u0924\u093F"),
                arguments("Malayalam with ZWNJ", "\u0D28\u0D4D\u200C\u0D2E"),
                arguments("Arabic", "\u0645\u062D\u0645\u062F"),
                arguments("Hebrew", "\u05D3\u05D5\u05D3"),
                arguments("Thai with marks", "\u0E2A\u0E21\u0E0A\u0E32\u0E22"),
                arguments("Han and kana", "山田 たろう"),
                arguments("Hangul", "\uAE40\uBBFC\uC900"),
                arguments("Greek", "Σωκράτης"),
                arguments("Cyrillic", "Пётр"),
                arguments("outside the BMP", "\uD835\uDC00\uD83D\uDCE6"),
                arguments("emoji only", "\uD83D\uDCE6\uD83D\uDCE6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realNames")
    void realNamesAreAccepted(String what, String name) {
        assertThat(errorsOf(name)).as(what).isEmpty();
    }

    static Stream<Arguments> deceptiveNames() {
        return Stream.of(
                arguments("a\u200Bb", NameCharacters.Kind.INVISIBLE.message(0x200B, 2)),
                arguments("\u200B", NameCharacters.Kind.INVISIBLE.message(0x200B, 1)),
                arguments("\u3164", NameCharacters.Kind.INVISIBLE.message(0x3164, 1)),
                arguments("\u115F\u1160", NameCharacters.Kind.INVISIBLE.message(0x115F, 1)),
                arguments("a\uFFA0", NameCharacters.Kind.INVISIBLE.message(0xFFA0, 2)),
                arguments("ab\u00ADc", NameCharacters.Kind.INVISIBLE.message(0x00AD, 3)),
                arguments("a\u2060b", NameCharacters.Kind.INVISIBLE.message(0x2060, 2)),
                arguments("a\u034Fb", NameCharacters.Kind.INVISIBLE.message(0x034F, 2)),
                arguments("a\uFE0F", NameCharacters.Kind.INVISIBLE.message(0xFE0F, 2)),
                arguments("\u845B\uDB40\uDD00", NameCharacters.Kind.INVISIBLE.message(0xE0100, 2)),
                arguments("a\u180Eb", NameCharacters.Kind.INVISIBLE.message(0x180E, 2)),
                arguments("a\uFFF9b\uFFFB", NameCharacters.Kind.INVISIBLE.message(0xFFF9, 2)),
                arguments("a\uD82F\uDCA0b", NameCharacters.Kind.INVISIBLE.message(0x1BCA0, 2)),
                arguments("\uFEFFBob", NameCharacters.Kind.BYTE_ORDER_MARK.message(0xFEFF, 1)),
                arguments("Bo\uFEFFb", NameCharacters.Kind.BYTE_ORDER_MARK.message(0xFEFF, 3)),
                arguments("a\u200Eb", NameCharacters.Kind.BIDI_MARK.message(0x200E, 2)),
                arguments("a\u200Fb", NameCharacters.Kind.BIDI_MARK.message(0x200F, 2)),
                arguments("\u0645\u061C\u0645", NameCharacters.Kind.BIDI_MARK.message(0x061C, 2)),
                arguments("a\u2028b", NameCharacters.Kind.LINE_SEPARATOR.message(0x2028, 2)),
                arguments("a\u2029b", NameCharacters.Kind.LINE_SEPARATOR.message(0x2029, 2)),
                arguments("ab\uDB40\uDC41", NameCharacters.Kind.TAG.message(0xE0041, 3)),
                arguments("a\uDB40\uDC01b", NameCharacters.Kind.TAG.message(0xE0001, 2)),
                arguments("a\uDB40\uDC7F", NameCharacters.Kind.TAG.message(0xE007F, 2)),
                arguments("a\uFDD0", NameCharacters.Kind.NONCHARACTER.message(0xFDD0, 2)),
                arguments("a\uFFFE", NameCharacters.Kind.NONCHARACTER.message(0xFFFE, 2)),
                arguments("a\uD83F\uDFFF", NameCharacters.Kind.NONCHARACTER.message(0x1FFFF, 2)),
                arguments("\u200Cab", NameCharacters.Kind.LONE_JOINER.message(0x200C, 1)),
                arguments("ab\u200D", NameCharacters.Kind.LONE_JOINER.message(0x200D, 3)),
                arguments("a \u200Db", NameCharacters.Kind.LONE_JOINER.message(0x200D, 3)),
                arguments("1\u200C2", NameCharacters.Kind.LONE_JOINER.message(0x200C, 2)),
                arguments("\uD83D\uDC68\u200D\uD83D\uDC69", NameCharacters.Kind.LONE_JOINER.message(0x200D, 2)),
                arguments("\u0301\u0301", CustomerName.NOTHING_VISIBLE));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("deceptiveNames")
    void invisibleAndDeceptiveCharactersAreRejectedByKindAndPosition(String name, String message) {
        assertThat(errorsOf(name)).contains(message);
    }

    @Test
    void messagesNameTheFirstPositionOfEachKindAndNeverTheCharacter() {
        List<String> messages = errorsOf("x\u200By\u200Bz\u2028w");
        assertThat(messages).containsExactly(NameCharacters.Kind.LINE_SEPARATOR.message(0x2028, 6),
                NameCharacters.Kind.INVISIBLE.message(0x200B, 2));
        assertThat(String.join("", messages)).matches("[\\x20-\\x7E]+");
    }

    @Test
    void namesOnlyOfInvisibleCharactersSayNothingIsVisible() {
        assertThat(errorsOf("\u200B\u3164")).containsExactly(CustomerName.NOTHING_VISIBLE,
                NameCharacters.Kind.INVISIBLE.message(0x200B, 1));
    }

    @Test
    void decomposedAndComposedNamesAreTheSameRequest() {
        ShipmentRequest composed = ValidRequests.withName("Zo\u00EB");
        ShipmentRequest decomposed = ValidRequests.withName("Zoe\u0308");
        assertThat(decomposed.customerName()).isEqualTo("Zo\u00EB").hasSize(3);
        assertThat(decomposed).isEqualTo(composed).hasSameHashCodeAs(composed);
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_name", "Zoe\u0308")).customerName())
                .isEqualTo("Zo\u00EB");
    }

    @Test
    void theLengthLimitAppliesToTheNfcForm() {
        String decomposed = "e\u0301".repeat(255); // 510 code points, 255 once composed
        assertThat(ValidRequests.withName(decomposed).customerName()).isEqualTo("\u00E9".repeat(255));
        assertThat(errorsOf("e\u0301".repeat(256))).containsExactly(CustomerName.TOO_LONG);
        assertThat(errorsOf("x".repeat(10_000_000))).containsExactly(CustomerName.TOO_LONG);
    }

    /** Rejected by the old rules, with their old messages (unchanged). */
    @Test
    void controlCharactersAndOverridesKeepTheirRule() {
        assertThat(errorsOf("a\u202Eb")).containsExactly(CustomerName.CONTROL);
        assertThat(errorsOf("a\u0007b")).containsExactly(CustomerName.CONTROL);
    }

    /** Prepended concatenation marks and other Cf excluded from Default_Ignorable_Code_Point. */
    private static boolean excludedFormat(int cp) {
        return (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F || cp == 0x0890 || cp == 0x0891
                || cp == 0x08E2 || cp == 0x110BD || cp == 0x110CD || (cp >= 0x13430 && cp <= 0x1343F)
                || (cp >= 0xFFF9 && cp <= 0xFFFB);
    }

    /**
     * The table agrees with Java's own character data where Java has it: every format character
     * (Cf) but the documented exclusions is default-ignorable, and so is every variation selector.
     */
    @Test
    void theTableCoversEveryFormatCharacterJavaKnows() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.FORMAT && !excludedFormat(cp)) {
                assertThat(NameCharacters.isDefaultIgnorable(cp)).as("U+%04X", cp).isTrue();
            }
        }
        for (int cp : new int[] {0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x180B, 0x180F}) {
            assertThat(NameCharacters.isDefaultIgnorable(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {0x0600, 0x06DD, 0x110BD, 0x13430, 0x0020, 0x00A0, 0x1680, 0x3000, 0x0041, 0xFFFD}) {
            assertThat(NameCharacters.isDefaultIgnorable(cp)).as("U+%04X", cp).isFalse();
        }
    }

    /** What the rules say about one code point between two letters, derived from Java's categories. */
    private static boolean expectedRejectedBetweenLetters(int cp) {
        int type = Character.getType(cp);
        boolean noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFF) >= 0xFFFE;
        boolean ignorableNotFormat = cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF) || cp == 0x2065;
        return type == Character.CONTROL || type == Character.SURROGATE || cp == 0x2028 || cp == 0x2029
                || noncharacter || ignorableNotFormat
                || (type == Character.FORMAT && !excludedFormat(cp) && cp != 0x200C && cp != 0x200D)
                || (cp >= 0xFFF9 && cp <= 0xFFFB);
    }

    @Test
    void generatedCodePointsAcrossUnicodeFollowTheRules() {
        long seed = System.nanoTime();
        System.out.println("CustomerNameCharactersTest seed " + seed);
        Random random = new Random(seed);
        int[][] ranges = {{0, 0x2FF}, {0x300, 0x36F}, {0x600, 0x6FF}, {0x900, 0xDFF}, {0x1100, 0x11FF},
            {0x1780, 0x18AF}, {0x2000, 0x206F}, {0x3000, 0x33FF}, {0xD7B0, 0xDFFF}, {0xFB00, 0xFFFF},
            {0x10000, 0x1FFFF}, {0x1BC00, 0x1BCAF}, {0x1D100, 0x1D1FF}, {0xE0000, 0xE01FF}, {0xF0000, 0x10FFFF}};
        for (int i = 0; i < 4_000; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
            String name = "a" + new String(Character.toChars(cp)) + "b";
            boolean trimmed = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            List<String> errors = errorsOf(name);
            if (expectedRejectedBetweenLetters(cp)) {
                assertThat(errors).as("U+%04X (seed %d)", cp, seed).isNotEmpty();
                String all = String.join(" ", errors);
                assertThat(all).as("message of U+%04X", cp).doesNotContain(new String(Character.toChars(cp)));
            } else if (!trimmed) {
                assertThat(errors).as("U+%04X (seed %d)", cp, seed).isEmpty();
            }
        }
    }
}
