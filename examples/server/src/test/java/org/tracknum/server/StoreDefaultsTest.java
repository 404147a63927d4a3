package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.TrackingNumberConfiguration;

class StoreDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void addsTheEmbeddedH2DatabaseWhenNoStoreIsConfigured() {
        StoreDefaults.Choice choice = StoreDefaults.apply(Optional.empty(), TrackingNumberConfiguration.fromMap(Map.of()));
        assertThat(choice.store()).isEqualTo("jdbc");
        assertThat(choice.embeddedDefault()).isTrue();
        TrackingNumberConfiguration c = choice.configuration();
        assertThat(c.get("tracknum.store")).contains("jdbc");
        assertThat(c.get("tracknum.jdbc.url").orElseThrow()).startsWith("jdbc:h2:file:./data/tracknum");
        assertThat(c.get("tracknum.batch.lanes")).contains("1");
        assertThat(c.get("tracknum.jdbc.connect-timeout")).contains("10s");

        StoreDefaults.Choice lanesChosen = StoreDefaults.apply(Optional.empty(),
                TrackingNumberConfiguration.fromMap(Map.of("tracknum.batch.lanes", "4")));
        assertThat(lanesChosen.embeddedDefault()).isTrue();
        assertThat(lanesChosen.configuration().get("tracknum.batch.lanes")).contains("4");
    }

    @Test
    void keepsAJdbcUrlGivenWithoutAStore() {
        StoreDefaults.Choice choice = StoreDefaults.apply(Optional.empty(),
                TrackingNumberConfiguration.fromMap(Map.of("tracknum.jdbc.url", "jdbc:postgresql://db/x")));
        assertThat(choice.store()).isEqualTo("jdbc");
        assertThat(choice.embeddedDefault()).isFalse();
        assertThat(choice.configuration().get("tracknum.store")).contains("jdbc");
        assertThat(choice.configuration().get("tracknum.jdbc.url")).contains("jdbc:postgresql://db/x");
        assertThat(choice.configuration().get("tracknum.batch.lanes")).isEmpty();
    }

    @Test
    void addsNothingWhenTheConfigurationChoosesTheStore() {
        TrackingNumberConfiguration redis = TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "Redis"));
        StoreDefaults.Choice choice = StoreDefaults.apply(Optional.empty(), redis);
        assertThat(choice.store()).isEqualTo("redis");
        assertThat(choice.embeddedDefault()).isFalse();
        assertThat(choice.configuration().get("tracknum.jdbc.url")).isEmpty();
        assertThat(choice.configuration().get("tracknum.batch.lanes")).isEmpty();
    }

    @Test
    void readsTheStoreFromTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("t.properties"), "tracknum.store=memory\n");
        // fromEnvironment() reads the file named by tracknum.config; --config supplies that name.
        StoreDefaults.Choice choice = StoreDefaults.apply(Optional.of(file), TrackingNumberConfiguration.fromEnvironment()
                .ignoringEnvironmentPrefix(ServerOptions.ENV_PREFIX));
        assertThat(choice.store()).isEqualTo("memory");
        assertThat(choice.embeddedDefault()).isFalse();
        assertThat(choice.configuration().get("tracknum.config")).contains(file.toString());
        assertThat(System.getProperty("tracknum.config")).isNull();
        assertThat(System.getProperty("tracknum.store")).isNull();
    }

    @Test
    void refusesTwoDifferentConfigFiles() {
        TrackingNumberConfiguration named = TrackingNumberConfiguration.fromMap(Map.of("tracknum.config", "/etc/a.properties"));
        assertThatThrownBy(() -> StoreDefaults.apply(Optional.of(Path.of("/etc/b.properties")), named))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config /etc/b.properties").hasMessageContaining("tracknum.config=/etc/a.properties");
    }
}
