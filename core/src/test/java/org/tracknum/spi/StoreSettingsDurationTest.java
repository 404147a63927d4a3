package org.tracknum.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.ConfigurationException;
import org.tracknum.TrackingNumberGenerator;

/**
 * Huge durations are a configuration error naming the key, never an arithmetic overflow: whether
 * the text overflows {@code Duration} itself or only the builder's range check.
 */
class StoreSettingsDurationTest {
    @ParameterizedTest
    @ValueSource(strings = {"9999999999999m", "9999999999999999999m", "999999999999999999m", "9223372036854775807s",
        "9223372036854775807ms", "PT9999999999999999H", "P999999999999999D"})
    void overflowingDurationsNameTheKey(String raw) {
        Properties properties = new Properties();
        properties.setProperty("tracknum.store", "memory");
        properties.setProperty("tracknum.retry.budget", raw);
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(properties).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.retry.budget");
    }
}
