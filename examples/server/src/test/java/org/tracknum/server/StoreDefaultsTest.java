package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void addsTheEmbeddedH2DatabaseWhenNoStoreIsConfigured() {
        Properties system = new Properties();
        assertThat(StoreDefaults.apply(Optional.empty(), system, Map.of()))
                .isEqualTo(new StoreDefaults.Choice("jdbc", true));
        assertThat(system.getProperty("tracknum.store")).isEqualTo("jdbc");
        assertThat(system.getProperty("tracknum.jdbc.url")).startsWith("jdbc:h2:file:./data/tracknum");
        assertThat(system.getProperty("tracknum.batch.lanes")).isEqualTo("1");
        assertThat(system.getProperty("tracknum.jdbc.connect-timeout")).isEqualTo("10s");

        Properties lanesChosen = new Properties();
        StoreDefaults.apply(Optional.empty(), lanesChosen, Map.of("TRACKNUM_BATCH_LANES", "4"));
        assertThat(lanesChosen.getProperty("tracknum.batch.lanes")).isNull();
    }

    @Test
    void keepsAJdbcUrlGivenWithoutAStore() {
        Properties system = new Properties();
        assertThat(StoreDefaults.apply(Optional.empty(), system, Map.of("TRACKNUM_JDBC_URL", "jdbc:postgresql://db/x")))
                .isEqualTo(new StoreDefaults.Choice("jdbc", false));
        assertThat(system.getProperty("tracknum.store")).isEqualTo("jdbc");
        assertThat(system.getProperty("tracknum.jdbc.url")).isNull();
        assertThat(system.getProperty("tracknum.batch.lanes")).isNull();
    }

    @Test
    void addsNothingWhenTheEnvironmentOrASystemPropertyChoosesTheStore() {
        Properties system = new Properties();
        assertThat(StoreDefaults.apply(Optional.empty(), system, Map.of("TRACKNUM_STORE", "Redis")).store())
                .isEqualTo("redis");
        assertThat(system.stringPropertyNames()).isEmpty();

        Properties chosen = new Properties();
        chosen.setProperty("tracknum.store", "memory");
        assertThat(StoreDefaults.apply(Optional.empty(), chosen, Map.of()).store()).isEqualTo("memory");
        assertThat(chosen.stringPropertyNames()).containsExactly("tracknum.store");
    }

    @Test
    void readsTheStoreFromTheConfigFileAndPointsTheLibraryAtIt() throws Exception {
        Path file = Files.writeString(dir.resolve("t.properties"), "tracknum.store=memory\n");
        Properties system = new Properties();
        assertThat(StoreDefaults.apply(Optional.of(file), system, Map.of()).store()).isEqualTo("memory");
        assertThat(system.getProperty("tracknum.config")).isEqualTo(file.toString());
        assertThat(system.getProperty("tracknum.store")).isNull();

        Properties viaEnv = new Properties();
        assertThat(StoreDefaults.apply(Optional.empty(), viaEnv, Map.of("TRACKNUM_CONFIG", file.toString())).store())
                .isEqualTo("memory");
    }
}
