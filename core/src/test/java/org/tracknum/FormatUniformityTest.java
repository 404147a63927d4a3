package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracknum.TrackingNumberFormat.Alphabet;

/**
 * For each format, 100,000 numbers from the real CSPRNG all match the format and
 * {@code ^[A-Z0-9]{1,16}$}, and their random characters (check character included) are uniform:
 * Pearson chi-square per position and per pair of adjacent positions, Bonferroni-corrected so that
 * the whole format is tested at significance 1e-6. The randomness is the CSPRNG's (no seed to
 * print); each test prints its statistics.
 */
class FormatUniformityTest {
    private static final int NUMBERS = 100_000;
    private static final double SIGNIFICANCE = 1e-6;
    private static final String DIGITS = "0123456789";

    /** A format and where its uniformly distributed characters are. */
    record Case(String name, TrackingNumberFormat format, int from, int count, String symbols) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> formats() {
        String alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String unambiguous = "23456789ABCDEFGHJKMNPRSTUVWXYZ";
        return Stream.of(
                new Case("default", TrackingNumberFormat.defaultFormat(), 4, 12, alphanumeric),
                new Case("route + check", TrackingNumberFormat.builder().checkCharacter(true).build(), 4, 12,
                        alphanumeric),
                new Case("TN unambiguous + check", TrackingNumberFormat.builder().fixedPrefix("TN")
                        .alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true).build(), 2, 14, unambiguous),
                new Case("route unambiguous + check", TrackingNumberFormat.builder().alphabet(Alphabet.UNAMBIGUOUS)
                        .checkCharacter(true).build(), 4, 12, unambiguous),
                new Case("no prefix, 10 random", TrackingNumberFormat.builder().noPrefix().randomLength(10).build(),
                        0, 10, alphanumeric),
                new Case("unambiguous, 9 random", TrackingNumberFormat.builder().noPrefix()
                        .alphabet(Alphabet.UNAMBIGUOUS).randomLength(9).build(), 0, 9, unambiguous),
                new Case("S10 serial digits", TrackingNumberFormat.s10("RR"), 2, 8, DIGITS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void numbersMatchAndRandomCharactersAreUniform(Case c) {
        ShipmentRequest request = FormatFixtures.request("MY", "ID");
        int m = c.symbols().length();
        long[][] single = new long[c.count()][m];
        long[][] pairs = new long[c.count() - 1][m * m];
        for (int n = 0; n < NUMBERS; n++) {
            String number = c.format().candidate(request);
            if (!FormatFixtures.TRACKING_NUMBER.matcher(number).matches() || !c.format().matches(number)) {
                fail(number + " does not match " + c.format());
            }
            int previous = -1;
            for (int i = 0; i < c.count(); i++) {
                int value = c.symbols().indexOf(number.charAt(c.from() + i));
                single[i][value]++;
                if (i > 0) {
                    pairs[i - 1][previous * m + value]++;
                }
                previous = value;
            }
        }
        assertUniform(c.name(), single, pairs);
    }

    /** A restricted S10 range: every serial of the block equally likely. */
    @Test
    void s10SerialsAreUniformOverARestrictedRange() {
        TrackingNumberFormat format = TrackingNumberFormat.s10("CP", 12_345_000, 12_345_999);
        ShipmentRequest request = FormatFixtures.request("DE", "FR");
        long[] counts = new long[1000];
        for (int n = 0; n < NUMBERS; n++) {
            String number = format.candidate(request);
            if (!format.matches(number)) {
                fail(number + " does not match " + format);
            }
            counts[Integer.parseInt(number.substring(2, 10)) - 12_345_000]++;
        }
        assertUniform("S10 CP serials 12345000-12345999", new long[][] {counts}, new long[0][]);
    }

    private static void assertUniform(String name, long[][] single, long[][] pairs) {
        int tests = single.length + pairs.length;
        double threshold = SIGNIFICANCE / tests;
        double minP = 1;
        String worst = "";
        for (int i = 0; i < tests; i++) {
            long[] counts = i < single.length ? single[i] : pairs[i - single.length];
            double statistic = ChiSquare.statistic(counts);
            double p = ChiSquare.pValue(statistic, counts.length - 1);
            String label = (i < single.length ? "position " + i : "pair " + (i - single.length)) + ": chi2="
                    + String.format("%.1f", statistic) + " df=" + (counts.length - 1) + " p=" + String.format("%.3g", p);
            if (p < minP) {
                minP = p;
                worst = label;
            }
            assertThat(p).as("%s %s (threshold %.3g)", name, label, threshold).isGreaterThan(threshold);
        }
        System.out.printf("uniformity %s: %d numbers, %d chi-square tests, smallest p at %s (threshold %.3g)%n",
                name, NUMBERS, tests, worst, threshold);
    }
}
