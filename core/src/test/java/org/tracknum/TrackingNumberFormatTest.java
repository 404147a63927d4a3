package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.TrackingNumberFormat.Alphabet;

/** What each format builds, describes and accepts, and every combination the builder refuses. */
class TrackingNumberFormatTest {
    private static final ShipmentRequest MY_ID = FormatFixtures.request("MY", "ID");

    @Test
    void defaultFormatIsRoutePlusTwelveAlphanumerics() {
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        String number = format.candidate(MY_ID);
        assertThat(number).matches("MYID[0-9A-Z]{12}");
        assertThat(format.matches(number)).isTrue();
        assertThat(format.capacity()).isEqualTo(BigInteger.valueOf(36).pow(12));
        assertThat(format).hasToString("route prefix + 12 random [0-9A-Z] (62.0 bits)");
    }

    @Test
    void routePrefixAcceptsAnyTwoAssignedCountries() {
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        String random = format.candidate(MY_ID).substring(4);
        assertThat(format.matches("USDE" + random)).isTrue();
        assertThat(format.matches("XXDE" + random)).as("XX is not assigned").isFalse();
        assertThat(format.matches("usde" + random)).isFalse();
        assertThat(format.matches("12DE" + random)).isFalse();
    }

    @Test
    void matchesChecksLengthAndAlphabet() {
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        String number = format.candidate(MY_ID);
        assertThat(format.matches(number.substring(0, 15))).isFalse();
        assertThat(format.matches(number + "A")).isFalse();
        assertThat(format.matches(number.substring(0, 15) + "a")).isFalse();
        assertThat(format.matches(number.substring(0, 15) + "-")).isFalse();
        assertThat(format.matches("")).isFalse();
        assertThatThrownBy(() -> format.matches(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fixedPrefixWithUnambiguousAlphabetAndCheck() {
        TrackingNumberFormat format = TrackingNumberFormat.builder().fixedPrefix("TN")
                .alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true).build();
        String number = format.candidate(MY_ID);
        assertThat(number).matches("TN[2-9A-HJKMNPR-Z]{14}");
        assertThat(format.matches(number)).isTrue();
        assertThat(format.matches("TX" + number.substring(2))).isFalse();
        assertThat(format.capacity()).isEqualTo(BigInteger.valueOf(30).pow(13));
        assertThat(format).hasToString("TN + 13 random [2-9A-HJKMNPR-Z] + MOD 31,30 check character (63.8 bits)");
    }

    @Test
    void unambiguousNumbersNeverShowALookAlike() {
        TrackingNumberFormat format = TrackingNumberFormat.builder().noPrefix()
                .alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true).build();
        for (int i = 0; i < 20_000; i++) {
            assertThat(format.candidate(MY_ID)).hasSize(16).doesNotContainPattern("[01OQIL]");
        }
    }

    @Test
    void noPrefixFillsSixteenCharacters() {
        TrackingNumberFormat format = TrackingNumberFormat.builder().noPrefix().build();
        assertThat(format.candidate(MY_ID)).matches("[0-9A-Z]{16}");
        assertThat(format).hasToString("16 random [0-9A-Z] (82.7 bits)");
    }

    @Test
    void routePrefixWithUnambiguousAlphabetKeepsCountryLetters() {
        TrackingNumberFormat format = TrackingNumberFormat.builder().alphabet(Alphabet.UNAMBIGUOUS)
                .checkCharacter(true).build();
        String number = format.candidate(FormatFixtures.request("IN", "OM"));
        assertThat(number).startsWith("INOM").hasSize(16);
        assertThat(format.matches(number)).isTrue();
        assertThat(format).hasToString("route prefix + 11 random [2-9A-HJKMNPR-Z] + MOD 31,30 check character (54.0 bits)");
    }

    @Test
    void explicitRandomLength() {
        TrackingNumberFormat format = TrackingNumberFormat.builder().fixedPrefix("TN").randomLength(8).build();
        assertThat(format.candidate(MY_ID)).matches("TN[0-9A-Z]{8}");
        assertThat(format.capacity()).isEqualTo(BigInteger.valueOf(36).pow(8));
    }

    @Test
    void s10NumbersCarryIndicatorSerialCheckAndOrigin() {
        TrackingNumberFormat format = TrackingNumberFormat.s10("RR");
        String number = format.candidate(MY_ID);
        assertThat(number).matches("RR[0-9]{9}MY");
        assertThat(format.matches(number)).isTrue();
        assertThat(format.matches("CP" + number.substring(2))).isFalse();
        assertThat(format.matches(number.substring(0, 11) + "XX")).isFalse();
        assertThat(format.matches(number.substring(0, 11) + "DE")).as("any assigned country").isTrue();
        assertThat(format.matches("RR12345678X5GB")).isFalse();
        assertThat(format.matches("RR1234567A5GB")).isFalse();
        assertThat(format.matches("RR-12345675GB")).isFalse();
        assertThat(format.capacity()).isEqualTo(BigInteger.valueOf(100_000_000));
        assertThat(format).hasToString("S10 RR, serials 0-99999999");
    }

    @Test
    void s10SerialRange() {
        TrackingNumberFormat format = TrackingNumberFormat.s10("CP", 500, 509);
        assertThat(format.capacity()).isEqualTo(BigInteger.TEN);
        assertThat(format).hasToString("S10 CP, serials 500-509");
        for (int i = 0; i < 1000; i++) {
            String number = format.candidate(MY_ID);
            assertThat(Integer.parseInt(number.substring(2, 10))).isBetween(500, 509);
        }
        assertThat(format.matches("CP123456785GB")).as("serials outside the range still match").isTrue();
        assertThat(TrackingNumberFormat.s10("EE", 99_999_999, 99_999_999).candidate(MY_ID))
                .startsWith("EE99999999");
    }

    /** The examples in docs/formats.md. */
    @Test
    void documentedExamplesMatchTheirFormats() {
        assertThat(TrackingNumberFormat.defaultFormat().matches("MYIDBI86L2PWTDRV")).isTrue();
        assertThat(TrackingNumberFormat.builder().checkCharacter(true).build().matches("MYIDOF5YPRN949V8")).isTrue();
        assertThat(TrackingNumberFormat.builder().fixedPrefix("TN").checkCharacter(true).build()
                .matches("TN221MRHFCFZ0CPN")).isTrue();
        TrackingNumberFormat carrier = TrackingNumberFormat.builder().fixedPrefix("TN").alphabet(Alphabet.UNAMBIGUOUS)
                .checkCharacter(true).build();
        assertThat(carrier.matches("TN6A2X8DWVCJ99MZ")).isTrue();
        assertThat(carrier.matches("TN6A2X8DWVCJ99NZ")).isFalse();
        assertThat(TrackingNumberFormat.builder().alphabet(Alphabet.UNAMBIGUOUS).checkCharacter(true).build()
                .matches("MYIDGFFUZ2EAGCMV")).isTrue();
        assertThat(TrackingNumberFormat.builder().noPrefix().randomLength(10).checkCharacter(true).build()
                .matches("F5Q2BH5AQXE")).isTrue();
        assertThat(TrackingNumberFormat.s10("RR").matches("RR703739934MY")).isTrue();
        assertThat(TrackingNumberFormat.s10("CP", 1_000_000, 1_999_999).matches("CP014580027MY")).isTrue();
        assertThat(TrackingNumberFormat.s10("RR", 1_000_000, 1_999_999).matches("RR012345675MY")).isTrue();
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void refusesMoreThanSixteenCharacters() {
        assertRefused(TrackingNumberFormat.builder().randomLength(12).checkCharacter(true),
                "would be 17 characters long", "at most 16");
        assertRefused(TrackingNumberFormat.builder().randomLength(13), "would be 17 characters long");
        assertRefused(TrackingNumberFormat.builder().noPrefix().randomLength(17), "would be 17 characters long");
        assertRefused(TrackingNumberFormat.builder().noPrefix().randomLength(16).checkCharacter(true),
                "would be 17 characters long");
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("TN").randomLength(14).checkCharacter(true),
                "would be 17 characters long");
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("ABCDEFGHIJ").randomLength(9).allowWeak(true),
                "would be 19 characters long");
    }

    @Test
    void refusesFewerThanFortyBitsUnlessAllowed() {
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("TN").randomLength(7),
                "TN + 7 random [0-9A-Z] would be 9 characters long with 36.2 bits of randomness (7 random characters x log2(36))",
                "allowWeak(true)");
        assertRefused(TrackingNumberFormat.builder().noPrefix().alphabet(Alphabet.UNAMBIGUOUS).randomLength(8),
                "39.3 bits");
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("ABCDEFGHJKMN").checkCharacter(true),
                "would be 16 characters long with 15.5 bits");
        TrackingNumberFormat weak = TrackingNumberFormat.builder().fixedPrefix("TN").randomLength(3)
                .allowWeak(true).build();
        assertThat(weak.capacity()).isEqualTo(BigInteger.valueOf(46_656));
        assertThat(TrackingNumberFormat.builder().noPrefix().randomLength(8).build().capacity())
                .as("8 x 5.17 = 41.4 bits is enough").isEqualTo(BigInteger.valueOf(36).pow(8));
        assertThat(TrackingNumberFormat.builder().noPrefix().alphabet(Alphabet.UNAMBIGUOUS).randomLength(9)
                .build()).hasToString("9 random [2-9A-HJKMNPR-Z] (44.2 bits)");
    }

    @Test
    void refusesPrefixesThatLeaveNoRoom() {
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("ABCDEFGHJKMNPRS").checkCharacter(true).allowWeak(true),
                "leave no room for random characters");
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("ABCDEFGHJKMNPRST").allowWeak(true),
                "fixed prefix \"ABCDEFGHJKMNPRST\" is invalid");
    }

    @Test
    void refusesMalformedFixedPrefixes() {
        for (String prefix : new String[] {"", "tn", "T-N", "TN ", "ÄB", "T\u0000"}) {
            assertRefused(TrackingNumberFormat.builder().fixedPrefix(prefix), "is invalid: expected 1 to 15 characters of [A-Z0-9]");
        }
        assertThatThrownBy(() -> TrackingNumberFormat.builder().fixedPrefix(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesLookAlikesInAnUnambiguousFixedPrefix() {
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("T0").alphabet(Alphabet.UNAMBIGUOUS),
                "contains 0, which the unambiguous alphabet [2-9A-HJKMNPR-Z] leaves out");
        assertRefused(TrackingNumberFormat.builder().fixedPrefix("IO").alphabet(Alphabet.UNAMBIGUOUS), "contains I");
        assertThat(TrackingNumberFormat.builder().fixedPrefix("T0").build().matches("T0")).isFalse();
    }

    @Test
    void refusesNonPositiveRandomLength() {
        assertThatThrownBy(() -> TrackingNumberFormat.builder().randomLength(0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 1 random character");
        assertThatThrownBy(() -> TrackingNumberFormat.builder().randomLength(-3))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void refusesBadS10Settings() {
        for (String indicator : new String[] {"R", "RRR", "rr", "R1", "", "ÅR"}) {
            assertThatThrownBy(() -> TrackingNumberFormat.s10(indicator))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("service indicator").hasMessageContaining("two upper-case letters");
        }
        assertThatThrownBy(() -> TrackingNumberFormat.s10(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TrackingNumberFormat.s10("RR", -1, 10)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("serial range -1-10 is invalid");
        assertThatThrownBy(() -> TrackingNumberFormat.s10("RR", 0, 100_000_000))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TrackingNumberFormat.s10("RR", 11, 10)).isInstanceOf(ConfigurationException.class);
    }

    private static void assertRefused(TrackingNumberFormat.Builder builder, String... fragments) {
        assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class)
                .hasMessageContainingAll(fragments);
    }
}
