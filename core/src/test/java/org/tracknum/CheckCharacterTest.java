package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published vectors for the two check systems. */
class CheckCharacterTest {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** ISO/IEC 7064 hybrid vectors for MOD 37,36, MOD 11,10 and MOD 17,16 (check character last). */
    @ParameterizedTest
    @CsvSource({
        "A12425GABC1234002M, 36",
        "B159D8FA01240000K, 36",
        "188166C7342000003, 36",
        "0792, 10",
        "D98989898909898B, 16",
    })
    void hybridSystemReproducesPublishedCheckCharacters(String protectedString, int modulus) {
        Iso7064Hybrid system = new Iso7064Hybrid(modulus);
        String body = protectedString.substring(0, protectedString.length() - 1);
        int state = system.start();
        for (char c : body.toCharArray()) {
            state = system.next(state, ALPHANUMERIC.indexOf(c));
        }
        assertThat(ALPHANUMERIC.charAt(system.checkValue(state)))
                .isEqualTo(protectedString.charAt(protectedString.length() - 1));
    }

    @Test
    void hybridSystemNamesItselfAndNeedsAnEvenModulus() {
        assertThat(new Iso7064Hybrid(36)).hasToString("MOD 37,36");
        assertThat(new Iso7064Hybrid(30)).hasToString("MOD 31,30");
        assertThatThrownBy(() -> new Iso7064Hybrid(31)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The standard's verification: feeding every character, the check included, ends with S = 1. */
    private static boolean mod3736Valid(String number) {
        int p = 36;
        for (int i = 0; i < number.length(); i++) {
            int s = (p + ALPHANUMERIC.indexOf(number.charAt(i))) % 36;
            s = s == 0 ? 36 : s;
            if (i == number.length() - 1) {
                return s == 1;
            }
            p = s * 2 % 37;
        }
        return false;
    }

    @Test
    void verificationProcedureAcceptsTheVectorsAndRejectsAChangedOne() {
        assertThat(mod3736Valid("A12425GABC1234002M")).isTrue();
        assertThat(mod3736Valid("B159D8FA01240000K")).isTrue();
        assertThat(mod3736Valid("A12425GABC1234002N")).isFalse();
        assertThat(mod3736Valid("A12425GABC1234092M")).isFalse();
    }

    /** With [0-9A-Z], a format's check character is plain MOD 37,36 over the whole number, prefix included. */
    @Test
    void alphanumericFormatsCarryMod3736OverTheWholeNumber() {
        ShipmentRequest request = FormatFixtures.request("MY", "ID");
        for (TrackingNumberFormat format : new TrackingNumberFormat[] {
            TrackingNumberFormat.builder().checkCharacter(true).build(),
            TrackingNumberFormat.builder().fixedPrefix("TN").checkCharacter(true).build(),
            TrackingNumberFormat.builder().noPrefix().checkCharacter(true).build()}) {
            for (int i = 0; i < 1000; i++) {
                String number = format.candidate(request);
                assertThat(mod3736Valid(number)).as("%s from %s", number, format).isTrue();
            }
        }
    }

    @Test
    void s10PublishedNumbers() {
        TrackingNumberFormat rb = TrackingNumberFormat.s10("RB");
        assertThat(rb.matches("RB123456785GB")).isTrue();
        assertThat(rb.matches("RB123456786GB")).isFalse();
        assertThat(S10Layout.checkDigit(47312482)).isEqualTo(9);
        assertThat(TrackingNumberFormat.s10("RR").matches("RR473124829MY")).isTrue();
    }

    /** Sum mod 11 = 1 gives 10, written 0; sum mod 11 = 0 gives 11, written 5. */
    @ParameterizedTest
    @CsvSource({"00000000, 5", "00000008, 0", "00000010, 2", "12345678, 5"})
    void s10CheckDigitSpecialCases(String serial, int expected) {
        assertThat(S10Layout.checkDigit(Integer.parseInt(serial))).isEqualTo(expected);
    }
}
