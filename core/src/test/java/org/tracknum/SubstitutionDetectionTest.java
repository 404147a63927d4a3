package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracknum.TrackingNumberFormat.Alphabet;

/**
 * Mistyped numbers are rejected offline: for random numbers of each checked format, every
 * substitution of one character by any other of {@code [0-9A-Z]}, at every position (the route
 * prefix included), makes {@link TrackingNumberFormat#matches} false.
 */
class SubstitutionDetectionTest {
    private static final String CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String[] COUNTRIES = {"MY", "ID", "SG", "DE", "FR", "US", "GB", "IN", "OM", "QA", "LU", "IE",
        "IT", "MX", "CN", "JP", "ZA", "BR", "NL", "IL"};
    private static final int NUMBERS = 1000;

    static Stream<TrackingNumberFormat> checkedFormats() {
        return Stream.of(
                TrackingNumberFormat.builder().checkCharacter(true).build(),
                TrackingNumberFormat.builder().alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true).build(),
                TrackingNumberFormat.builder().fixedPrefix("TN").alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true)
                        .build(),
                TrackingNumberFormat.builder().fixedPrefix("TN").randomLength(8).checkCharacter(true).build(),
                TrackingNumberFormat.builder().noPrefix().checkCharacter(true).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkedFormats")
    void everySingleSubstitutionIsDetected(TrackingNumberFormat format) {
        long seed = System.nanoTime();
        System.out.println("SubstitutionDetectionTest routes seed=" + seed + " format=" + format);
        SplittableRandom routes = new SplittableRandom(seed);
        long substitutions = 0;
        for (int n = 0; n < NUMBERS; n++) {
            String number = format.candidate(FormatFixtures.request(pick(routes), pick(routes)));
            assertThat(format.matches(number)).as(number).isTrue();
            char[] chars = number.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                char original = chars[i];
                for (char c : CHARACTERS.toCharArray()) {
                    if (c == original) {
                        continue;
                    }
                    chars[i] = c;
                    substitutions++;
                    if (format.matches(new String(chars))) {
                        fail("%s accepts %s, a substitution in %s (seed %d)", format, new String(chars), number, seed);
                    }
                }
                chars[i] = original;
            }
        }
        System.out.println("  all " + substitutions + " substitutions detected");
    }

    /**
     * S10's mod-11 digit maps sums ≡ 0 and ≡ 6 (mod 11) both to 5, so a few serial substitutions
     * slip through (about 2%); a changed check digit or service indicator never does.
     */
    @Test
    void s10DetectsAlmostEverySerialSubstitution() {
        TrackingNumberFormat format = TrackingNumberFormat.s10("RR");
        ShipmentRequest request = FormatFixtures.request("MY", "ID");
        long serialSubstitutions = 0;
        long undetected = 0;
        for (int n = 0; n < NUMBERS * 10; n++) {
            char[] chars = format.candidate(request).toCharArray();
            for (int i = 0; i <= 10; i++) {
                char original = chars[i];
                for (char c : CHARACTERS.toCharArray()) {
                    if (c == original) {
                        continue;
                    }
                    chars[i] = c;
                    boolean accepted = format.matches(new String(chars));
                    if (i >= 2 && i <= 9 && c <= '9') {
                        serialSubstitutions++;
                        undetected += accepted ? 1 : 0;
                    } else if (accepted) {
                        fail("S10 accepts %s", new String(chars));
                    }
                }
                chars[i] = original;
            }
        }
        double rate = 1 - (double) undetected / serialSubstitutions;
        System.out.printf("S10: %d of %d serial-digit substitutions detected (%.2f%%)%n",
                serialSubstitutions - undetected, serialSubstitutions, 100 * rate);
        assertThat(rate).isGreaterThan(0.97);
    }

    private static String pick(SplittableRandom random) {
        return COUNTRIES[random.nextInt(COUNTRIES.length)];
    }
}
