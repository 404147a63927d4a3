package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;

/** What build() accepts and refuses, and the configuration path (tracknum.store=jdbc). */
class JdbcStoreBuildTest {
    @TempDir
    Path dir;

    private String sqlite() {
        return TestDatabases.sqliteUrl(dir);
    }

    @Test
    void tableNameOutsideTheAllowListIsRefusedBeforeConnecting() {
        for (String bad : List.of("numbers; DROP TABLE x", "1numbers", "public.numbers", "a".repeat(64), "näme", "")) {
            assertThatThrownBy(() -> JdbcReservationStore.builder().url("jdbc:sqlite:" + dir.resolve("x.db"))
                    .table(bad).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.jdbc.table");
        }
    }

    @Test
    void unsupportedUrlAndBadSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> JdbcReservationStore.builder().url("jdbc:oracle:thin:@db:1521/x?password=secret").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jdbc:oracle:")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(sqlite()).lockTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(5)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.jdbc.lock-timeout");
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(sqlite()).poolSize(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.jdbc.pool-size");
        assertThatThrownBy(() -> JdbcReservationStore.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("either a DataSource or a URL");
    }

    @Test
    void dialectIsChosenFromTheProductNameAndAnUnsupportedOneIsAConfigurationError() {
        var t = ErrorClassificationContract.timeouts();
        assertThat(Dialect.detect("PostgreSQL", "15.20", t, Durability.STRICT).name()).isEqualTo("PostgreSQL");
        assertThat(Dialect.detect("MariaDB", "10.11.19-MariaDB", t, Durability.STRICT).name()).isEqualTo("MariaDB");
        assertThat(Dialect.detect("MySQL", "5.5.5-10.11.19-MariaDB", t, Durability.STRICT).name()).isEqualTo("MariaDB");
        assertThat(Dialect.detect("MySQL", "8.4.0", t, Durability.STRICT).name()).isEqualTo("MySQL");
        assertThat(Dialect.detect("H2", "2.3.232", t, Durability.STRICT).name()).isEqualTo("H2");
        assertThat(Dialect.detect("SQLite", "3.54.1", t, Durability.STRICT).name()).isEqualTo("SQLite");
        assertThatThrownBy(() -> Dialect.detect("Apache Derby", "10.17", t, Durability.STRICT)).isInstanceOf(ConfigurationException.class).hasMessageContaining("Apache Derby")
                .hasMessageContaining("PostgreSQL, MariaDB, MySQL, H2 and SQLite");
    }

    @Test
    void missingTableWithCreationOffIsAConfigurationError() {
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(sqlite()).table("absent_table").createTable(false).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("absent_table does not exist")
                .hasMessageContaining("tracknum.jdbc.create-table");
    }

    @Test
    void tableOfTheWrongShapeIsRefused() {
        TestDatabases.execute(TestDatabases.h2Url(dir), "CREATE TABLE no_key (tracking_number VARCHAR(16),"
                + " reservation_id CHAR(36) NOT NULL, origin_country_id CHAR(2) NOT NULL, destination_country_id CHAR(2) NOT NULL,"
                + " weight_kg DECIMAL(8,2) NOT NULL, created_at VARCHAR(64) NOT NULL, customer_id CHAR(36) NOT NULL,"
                + " customer_name VARCHAR(100) NOT NULL, issued_at VARCHAR(30) NOT NULL)");
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(TestDatabases.h2Url(dir)).table("no_key").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("column customer_slug is missing")
                .hasMessageContaining("column idempotency_key is missing")
                .hasMessageContaining("weight_kg must be DECIMAL(8,3)")
                .hasMessageContaining("customer_name holds 100 characters")
                .hasMessageContaining("tracking_number has no primary key or unique index");
    }

    @Test
    void inMemoryEmbeddedDatabasesAreRefusedUnlessRelaxed() {
        assertThatThrownBy(() -> JdbcReservationStore.builder().url("jdbc:h2:mem:volatile").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("in-memory")
                .hasMessageContaining("tracknum.jdbc.durability=relaxed");
        assertThatThrownBy(() -> JdbcReservationStore.builder().url("jdbc:sqlite::memory:").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("in-memory");
        JdbcReservationStore.builder().url("jdbc:sqlite:" + dir.resolve("relaxed.db")).durability(Durability.RELAXED)
                .build().close();
    }

    @Test
    void postgresWithSynchronousCommitOffIsRefusedNamingTheSettingAndTheOptOut() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
        String url = TestDatabases.POSTGRES_URL + (TestDatabases.POSTGRES_URL.contains("?") ? "&" : "?")
                + "options=-c%20synchronous_commit%3Doff";
        String table = TestDatabases.freshTable("syncoff");
        try {
            assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).table(table).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("synchronous_commit=off")
                    .hasMessageContaining("tracknum.jdbc.durability=relaxed");
            JdbcReservationStore.builder().url(url).table(table).durability(Durability.RELAXED).build().close();
        } finally {
            TestDatabases.drop(TestDatabases.POSTGRES_URL, table);
        }
    }

    @Test
    void unreachableDatabaseIsStoreUnavailableWithinTheConnectTimeout() throws Exception {
        int port = LocalProcesses.freePort();
        assertThatThrownBy(() -> JdbcReservationStore.builder().url("jdbc:postgresql://127.0.0.1:" + port + "/x")
                .connectTimeout(Duration.ofSeconds(1)).startupBudget(Duration.ZERO).build())
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void usersDataSourceStaysOpenAfterClose() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.POSTGRES_URL);
        config.setAutoCommit(false); // the store must cope with a pool in manual-commit mode
        String table = TestDatabases.freshTable("userds");
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbcReservationStore store = JdbcReservationStore.builder().dataSource(ds).table(table).build();
            var r = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
            assertThat(store.reserve(List.of(r))).extracting(ReservationOutcome::status)
                    .containsExactly(ReservationOutcome.Status.RESERVED);
            store.close();
            assertThat(ds.isClosed()).isFalse();
            JdbcReservationStore again = JdbcReservationStore.builder().dataSource(ds).table(table).createTable(false).build();
            assertThat(again.find(r.trackingNumber())).contains(r.toIssued());
            again.close();
        } finally {
            TestDatabases.drop(TestDatabases.POSTGRES_URL, table);
        }
    }

    @Test
    void generatorFromPropertiesFindsTheJdbcStore() {
        Properties p = new Properties();
        p.setProperty("tracknum.store", "jdbc");
        p.setProperty("tracknum.jdbc.url", sqlite());
        p.setProperty("tracknum.jdbc.table", "configured");
        p.setProperty("tracknum.jdbc.pool-size", "3");
        p.setProperty("tracknum.jdbc.socket-timeout", "4s");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(p)) {
            IssuedTrackingNumber issued = generator.next(TestRequests.westward());
            assertThat(generator.find(issued.trackingNumber())).contains(issued);
        }
        p.setProperty("tracknum.jdbc.durability", "sometimes");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(p))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.jdbc.durability");
    }
}
