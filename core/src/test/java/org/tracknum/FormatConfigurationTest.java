package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracknum.spi.StoreSettings;

/** The {@code tracknum.format*} keys: every format reachable, every malformed value refused by key. */
class FormatConfigurationTest {
    private static final ShipmentRequest MY_ID = FormatFixtures.request("MY", "ID");

    /** {@code "k1=v1, k2=v2"} as settings. */
    private static TrackingNumberFormat parseList(String settings) {
        String[] pairs = settings.split(",");
        String[] keyValues = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            String[] kv = pairs[i].split("=", 2);
            keyValues[2 * i] = kv[0].strip();
            keyValues[2 * i + 1] = kv[1].strip();
        }
        return parse(keyValues);
    }

    private static TrackingNumberFormat parse(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return FormatConfiguration.parse(new StoreSettings(values, 2, java.time.Duration.ofSeconds(10), Map.of()));
    }

    @Test
    void noKeysGiveTheDefaultFormat() {
        String expected = TrackingNumberFormat.defaultFormat().toString();
        assertThat(parse()).hasToString(expected);
        assertThat(parse("tracknum.format", "route")).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR | S10 RR, serials 0-99999999",
        "tracknum.format=S10, tracknum.format.s10.service-indicator=CP, tracknum.format.s10.serial-min=100,"
                + " tracknum.format.s10.serial-max=199 | S10 CP, serials 100-199",
        "tracknum.format.prefix=TN | TN + 14 random [0-9A-Z] (72.4 bits)",
        "tracknum.format=fixed, tracknum.format.prefix=TN, tracknum.format.check=mod37-36"
                + " | TN + 13 random [0-9A-Z] + MOD 37,36 check character (67.2 bits)",
        "tracknum.format.check=iso7064, tracknum.format.alphabet=unambiguous"
                + " | route prefix + 11 random [2-9A-HJKMNPR-Z] + MOD 31,30 check character (54.0 bits)",
        "tracknum.format.check=mod31-30, tracknum.format.alphabet=UNAMBIGUOUS, tracknum.format=none"
                + " | 15 random [2-9A-HJKMNPR-Z] + MOD 31,30 check character (73.6 bits)",
        "tracknum.format=none, tracknum.format.random-length=8 | 8 random [0-9A-Z] (41.4 bits)",
        "tracknum.format=route, tracknum.format.random-length=4, tracknum.format.allow-weak=true"
                + " | route prefix + 4 random [0-9A-Z] (20.7 bits)",
        "tracknum.format.check=none, tracknum.format.alphabet=alphanumeric | route prefix + 12 random [0-9A-Z] (62.0 bits)",
    })
    void keysBuildEveryKindOfFormat(String settings, String expected) {
        TrackingNumberFormat format = parseList(settings);
        assertThat(format).hasToString(expected);
        assertThat(format.matches(format.candidate(MY_ID))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tracknum.format=sequential | tracknum.format=sequential is invalid",
        "tracknum.format=fixed | missing configuration tracknum.format.prefix",
        "tracknum.format=fixed, tracknum.format.prefix=t-n | tracknum.format.prefix=t-n",
        "tracknum.format=route, tracknum.format.prefix=TN | tracknum.format.prefix does not apply to tracknum.format=route",
        "tracknum.format=none, tracknum.format.prefix=TN | tracknum.format.prefix does not apply to tracknum.format=none",
        "tracknum.format.alphabet=base32 | tracknum.format.alphabet=base32 is invalid",
        "tracknum.format.check=luhn | tracknum.format.check=luhn is invalid",
        "tracknum.format.check=mod31-30 | tracknum.format.check=mod31-30 does not fit",
        "tracknum.format.check=mod37-36, tracknum.format.alphabet=unambiguous | tracknum.format.check=mod37-36 does not fit",
        "tracknum.format.random-length=0 | tracknum.format.random-length=0 is invalid",
        "tracknum.format.random-length=17 | tracknum.format.random-length=17 is invalid",
        "tracknum.format.random-length=twelve | tracknum.format.random-length=twelve is invalid",
        "tracknum.format.random-length=12, tracknum.format.check=iso7064 | tracknum.format.random-length=12",
        "tracknum.format.random-length=6 | tracknum.format.random-length=6",
        "tracknum.format.allow-weak=yes | tracknum.format.allow-weak=yes is invalid",
        "tracknum.format.s10.service-indicator=RR | tracknum.format.s10.service-indicator does not apply to tracknum.format=route",
        "tracknum.format=s10 | missing configuration tracknum.format.s10.service-indicator",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=R1 | tracknum.format.s10.service-indicator=R1",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR, tracknum.format.check=iso7064"
                + " | tracknum.format.check does not apply to tracknum.format=s10",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR, tracknum.format.alphabet=unambiguous"
                + " | tracknum.format.alphabet does not apply to tracknum.format=s10",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR, tracknum.format.s10.serial-max=100000000"
                + " | tracknum.format.s10.serial-max=100000000 is invalid",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR, tracknum.format.s10.serial-min=-1"
                + " | tracknum.format.s10.serial-min=-1 is invalid",
        "tracknum.format=s10, tracknum.format.s10.service-indicator=RR, tracknum.format.s10.serial-min=10,"
                + " tracknum.format.s10.serial-max=9 | tracknum.format.s10.serial-min=10 is above tracknum.format.s10.serial-max=9",
    })
    void malformedValuesAreRefusedNamingTheKey(String settings, String expectedMessage) {
        assertThatThrownBy(() -> parseList(settings)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void generatorConfigurationKnowsEveryFormatKey() {
        Properties properties = new Properties();
        properties.setProperty("tracknum.store", "memory");
        properties.setProperty("tracknum.format", "s10");
        properties.setProperty("tracknum.format.s10.service-indicator", "RR");
        properties.setProperty("tracknum.format.s10.serial-min", "0");
        properties.setProperty("tracknum.format.s10.serial-max", "999");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(properties)) {
            assertThat(generator.next(MY_ID).trackingNumber()).matches("RR00000[0-9]{4}MY");
            assertThat(generator.toString()).contains("S10 RR, serials 0-999");
        }
        assertThat(FormatConfiguration.KEYS).containsExactlyInAnyOrder("tracknum.format", "tracknum.format.prefix",
                "tracknum.format.alphabet", "tracknum.format.random-length", "tracknum.format.check",
                "tracknum.format.allow-weak", "tracknum.format.s10.service-indicator",
                "tracknum.format.s10.serial-min", "tracknum.format.s10.serial-max");
    }

    @Test
    void environmentNamesOfFormatKeys() {
        assertThat(GeneratorConfiguration.environmentName(FormatConfiguration.SERVICE_INDICATOR))
                .isEqualTo("TRACKNUM_FORMAT_S10_SERVICE_INDICATOR");
        assertThat(GeneratorConfiguration.environmentName(FormatConfiguration.RANDOM_LENGTH))
                .isEqualTo("TRACKNUM_FORMAT_RANDOM_LENGTH");
    }
}
