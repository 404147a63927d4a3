package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;

/**
 * The table format as a contract, on every database: the derived DDL is the version-1 text, a
 * table made from that text passes, a table marked with a newer version is refused, and the
 * migration hook runs (with a test-only step: version 1 is the only production format so far).
 */
class TableFormatTest {
    /** Dialect name to the product name and version its driver reports. */
    private static final Map<String, List<String>> PRODUCTS = Map.of("PostgreSQL", List.of("PostgreSQL", "15.20"),
            "MariaDB", List.of("MariaDB", "10.11.19-MariaDB"), "MySQL", List.of("MySQL", "8.4.0"),
            "H2", List.of("H2", "2.3.232"), "SQLite", List.of("SQLite", "3.54.1"));

    @TempDir
    Path dir;

    private String url(String database) {
        switch (database) {
            case "h2":
                return TestDatabases.h2Url(dir);
            case "sqlite":
                return TestDatabases.sqliteUrl(dir);
            case "postgres":
                TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
                return TestDatabases.POSTGRES_URL;
            default:
                TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
                return TestDatabases.MARIADB_URL;
        }
    }

    private static Dialect dialect(Connection c) throws SQLException {
        return Dialect.detect(c.getMetaData(), ErrorClassificationContract.timeouts(), Durability.STRICT);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void ddlDerivedFromTheColumnDescriptionIsTheVersionOneText() {
        for (Map.Entry<String, List<String>> product : PRODUCTS.entrySet()) {
            String name = product.getKey();
            Dialect dialect = Dialect.detect(product.getValue().get(0), product.getValue().get(1),
                    ErrorClassificationContract.timeouts(), Durability.STRICT);
            assertThat(dialect.name()).isEqualTo(name);
            assertThat(dialect.createTableSql(NumberTable.named("tracknum_numbers")))
                    .as(name).isEqualTo(VersionOneDdl.of(name, "tracknum_numbers"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void aTableMadeFromTheVersionOneDdlPassesAndWorks(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("v1ddl");
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, VersionOneDdl.of(dialect(c).name(), table));
        }
        try {
            try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).createTable(false)
                    .build()) {
                Reservation r = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
                assertThat(store.reserve(List.of(r))).containsExactly(ReservationOutcome.RESERVED);
                assertThat(store.find(r.trackingNumber())).contains(r.toIssued());
            }
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(new MetaTable(dialect(c), NumberTable.named(table)).exists(c))
                        .as("create-table=false writes nothing").isFalse();
            }
            JdbcReservationStore.builder().url(url).table(table).build().close();
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, table)).as("create-table=true records version 1").containsExactly(1);
            }
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void aTableMarkedWithANewerVersionIsRefusedAtStart(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("newer");
        try {
            JdbcReservationStore.builder().url(url).table(table).build().close();
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, table)).as("a new table records the current version").containsExactly(1);
                execute(c, "INSERT INTO " + table + "_meta (format_version, applied_at)"
                        + " VALUES (2, '2027-01-01T00:00:00Z')");
            }
            for (boolean create : new boolean[] {true, false}) {
                assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).table(table).createTable(create)
                        .build())
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("table " + table + " has format version 2")
                        .hasMessageContaining("newer than version 1")
                        .hasMessageContaining("Upgrade this application");
            }
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void theMigrationHookBringsAVersionOneTableForwardOrRefusesWithItsDdl(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("migrate");
        try (Connection c = DriverManager.getConnection(url)) {
            Dialect dialect = dialect(c);
            NumberTable numbers = NumberTable.named(table);
            execute(c, VersionOneDdl.of(dialect.name(), table));
            String step = "ALTER TABLE " + table + " ADD COLUMN test_marker VARCHAR(8) NULL";
            TableFormat toTwo = new TableFormat(dialect, numbers, 2, List.of(new FormatStep(2, List.of(step))));

            assertThatThrownBy(() -> toTwo.settle(c, false)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("has format version 1; this Tracknum uses version 2")
                    .hasMessageContaining(step + "; CREATE TABLE IF NOT EXISTS " + table + "_meta")
                    .hasMessageContaining("INSERT INTO " + table + "_meta (format_version, applied_at) VALUES (2, '")
                    .hasMessageContaining("tracknum.jdbc.create-table=true");
            assertThat(hasColumn(c, table, "test_marker")).isFalse();

            toTwo.settle(c, true);
            assertThat(hasColumn(c, table, "test_marker")).isTrue();
            assertThat(versionRows(c, table)).containsExactly(1, 2);
            toTwo.settle(c, true); // already at 2: the step is not run again (it would fail)
            toTwo.settle(c, false);
            TableShape.check(c, dialect, numbers);

            assertThatThrownBy(() -> TableFormat.of(dialect, numbers).settle(c, true))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("has format version 2");
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    @Test
    void stepsMustLeadToConsecutiveVersions() throws SQLException {
        Dialect h2 = Dialect.detect("H2", "2", ErrorClassificationContract.timeouts(), Durability.STRICT);
        NumberTable t = NumberTable.named("t");
        assertThatThrownBy(() -> new TableFormat(h2, t, 3, List.of(new FormatStep(3, List.of("x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableFormat(h2, t, 3, List.of(new FormatStep(2, List.of("x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TableFormat.of(h2, t)).isNotNull();
    }

    private static List<Integer> versionRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT format_version FROM " + table + "_meta ORDER BY format_version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            return versions;
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }
}
