package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.tracknum.ci.DocumentedDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.TrackingNumberSetting;
import org.tracknum.testkit.TestRequests;

/** The JDBC keys: documented defaults, typos, and a DataSource handed in through the configuration. */
class JdbcConfigurationTest {
    private static final Pattern KEY = Pattern.compile("`(tracknum\\.jdbc\\.[a-z0-9.-]+)`");

    @TempDir
    Path dir;


    @Test
    void readmeAndDocsStateTheBuildersDefaults() throws IOException {
        List<TrackingNumberSetting> jdbc = TrackingNumberConfiguration.settings().stream()
                .filter(s -> s.key().startsWith("tracknum.jdbc.")).toList();
        assertThat(jdbc).hasSize(10);
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "jdbc.md"))) {
            Map<String, Optional<String>> documented = DocumentedDefaults.read(doc, KEY);
            for (TrackingNumberSetting s : jdbc) {
                assertThat(documented).as("%s has no row for %s", doc, s.key()).containsKey(s.key());
                assertThat(documented.get(s.key()))
                        .as("%s and JdbcReservationStore.Builder disagree on the default of %s", doc, s.key())
                        .isEqualTo(s.defaultValue());
            }
            assertThat(jdbc.stream().map(TrackingNumberSetting::key).toList())
                    .as("%s documents JDBC keys the store does not know", doc)
                    .containsAll(documented.keySet());
        }
    }

    @Test
    void aMisspeltJdbcKeyNamesTheKeyItProbablyMeant() {
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().configuration(TrackingNumberConfiguration.fromMap(
                Map.of("tracknum.store", "jdbc", "tracknum.jdbc.urll", "jdbc:h2:mem:x"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown configuration key tracknum.jdbc.urll: did you mean tracknum.jdbc.url?");
    }

    @Test
    void valuesFromConfigurationAreCheckedByTheBuilderNamingTheKey() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props("tracknum.jdbc.url",
                TestDatabases.sqliteUrl(dir), "tracknum.jdbc.pool-size", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JDBC pool size (tracknum.jdbc.pool-size) out of range [1, 1000]: 0");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props("tracknum.jdbc.url",
                TestDatabases.sqliteUrl(dir), "tracknum.jdbc.connect-timeout", "100ms")))
                .hasMessageContaining("JDBC connect timeout (tracknum.jdbc.connect-timeout) out of range");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props()))
                .hasMessageContaining("missing configuration tracknum.jdbc.url");
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(TestDatabases.sqliteUrl(dir)).poolSize(0).build())
                .hasMessageContaining("poolSize(..), tracknum.jdbc.pool-size");
    }

    @Test
    void aDataSourceResourceIsUsedWithoutAUrlAndStaysOpen() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.h2Url(dir));
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            TrackingNumberConfiguration c = TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "jdbc",
                    "tracknum.jdbc.table", "from_resource", "tracknum.jdbc.durability", "relaxed"))
                    .withResource(DataSource.class, pool);
            IssuedTrackingNumber issued;
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().configuration(c).build()) {
                issued = generator.next(TestRequests.unique());
                assertThat(generator.toString()).contains("table from_resource");
            }
            assertThat(pool.isClosed()).isFalse();
            try (TrackingNumberGenerator again = TrackingNumberGenerator.builder().configuration(c).build()) {
                assertThat(again.find(issued.trackingNumber())).contains(issued);
            }
            // A URL wins over the resource.
            try (TrackingNumberGenerator byUrl = TrackingNumberGenerator.builder().configuration(c.withDefaults(
                    Map.of("tracknum.jdbc.url", TestDatabases.sqliteUrl(dir)))).build()) {
                assertThat(byUrl.toString()).contains("SQLite");
            }
        }
    }

    private static java.util.Properties props(String... keyValues) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("tracknum.store", "jdbc");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
