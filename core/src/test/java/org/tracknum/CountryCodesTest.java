package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped list of officially assigned ISO 3166-1 alpha-2 codes. */
class CountryCodesTest {

    @Test
    void theShippedListHoldsThe249OfficiallyAssignedCodesSortedAndOnce() throws IOException {
        List<String> codes;
        try (InputStream in = CountryCodes.class.getResourceAsStream(CountryCodes.RESOURCE)) {
            codes = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.toList());
        }
        assertThat(codes).hasSize(249).isSorted().doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z]{2}"));
        assertThat(CountryCodes.count()).isEqualTo(249);
        assertThat(codes).allMatch(CountryCodes::isAssigned);
    }

    @Test
    void assignedCodesIncludeTheNewestAndOutlyingOnes() {
        for (String code : List.of("GB", "US", "MY", "ID", "SS", "BQ", "CW", "SX", "AX", "AQ", "BV", "UM", "PS", "TW")) {
            assertThat(CountryCodes.isAssigned(code)).as(code).isTrue();
        }
    }

    @Test
    void reservedUserAssignedAndWithdrawnCodesAreNotAssigned() {
        for (String code : List.of("UK", "EU", "UN", "EZ", "AC", "TA", "IC", "AN", "CS", "YU", "TP", "ZR", "SU", "XK",
                "XX", "AA", "QM", "QZ", "ZZ", "OO")) {
            assertThat(CountryCodes.isAssigned(code)).as(code).isFalse();
        }
    }

    @Test
    void isAssignedTakesUpperCaseAsciiOnlyWhileCanonicalAlsoTakesLowerCase() {
        assertThat(CountryCodes.isAssigned("gb")).isFalse();
        assertThat(CountryCodes.isAssigned("G")).isFalse();
        assertThat(CountryCodes.isAssigned(null)).isFalse();
        assertThat(CountryCodes.isAssigned("ＧＢ")).isFalse();
        assertThat(CountryCodes.canonical("gB")).isEqualTo("GB");
        assertThat(CountryCodes.canonical("ıt")).isNull();
        assertThat(CountryCodes.canonical("ſe")).isNull();
        assertThat(CountryCodes.canonical("uk")).isNull();
    }
}
