package org.tracknum.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.ConfigurationException;

/** Huge durations are a configuration error naming the key, never an arithmetic overflow. */
class StoreSettingsDurationTest {
    @ParameterizedTest
    @ValueSource(strings = {"9999999999999m", "9999999999999999999m", "999999999999999999m", "9223372036854775807s",
        "9223372036854775807ms", "PT9999999999999999H", "P999999999999999D"})
    void overflowingDurationsNameTheKey(String raw) {
        StoreSettings settings = new StoreSettings(Map.of("tracknum.jdbc.socket-timeout", raw), 2, Duration.ofSeconds(10), Map.of());
        assertThatThrownBy(() -> settings.getDuration("tracknum.jdbc.socket-timeout"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("tracknum.jdbc.socket-timeout=");
        assertThat(raw).isNotEmpty();
    }
}
