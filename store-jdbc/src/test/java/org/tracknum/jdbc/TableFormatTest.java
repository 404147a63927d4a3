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
 * version-1 table is migrated to version 2 at start (also when interrupted or raced) or refused
 * with the exact DDL, a table made from the current DDL text passes, a table marked with a newer
 * version is refused, and the hook runs a further test-only step.
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
    void aVersionOneTableIsRefusedWithTheExactDdlOrMigratedAtStart(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("v1ddl");
        Reservation old1 = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
        Reservation old2 = ErrorClassificationContract.reservation(ErrorClassificationContract.number(),
                old1.request());
        try (Connection c = DriverManager.getConnection(url)) {
            Dialect dialect = dialect(c);
            execute(c, VersionOneDdl.of(dialect.name(), table));
            NumberTable numbers = NumberTable.named(table);
            for (Reservation old : List.of(old1, old2)) { // rows of 0.1: same customer, no key
                dialect.insert(c, numbers, List.<String[]>of(NumberTable.values(old)), dialect.insertSql(numbers, 1));
            }
        }
        try {
            String index = "CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_ikey ON " + table
                    + " (customer_id, idempotency_key)";
            assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).table(table).createTable(false).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("table " + table + " has format version 1; this Tracknum uses version 2")
                    .hasMessageContaining("Run, as the table's owner: " + index + "; CREATE TABLE IF NOT EXISTS "
                            + table + "_meta")
                    .hasMessageContaining("INSERT INTO " + table + "_meta (format_version, applied_at) VALUES (2, '");
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(new MetaTable(dialect(c), NumberTable.named(table)).exists(c))
                        .as("create-table=false writes nothing").isFalse();
            }

            try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).build()) {
                assertThat(store.find(old1.trackingNumber())).contains(old1.toIssued());
                assertThat(store.find(old2.trackingNumber())).contains(old2.toIssued());
                Reservation keyed = keyed(old1.request(), "order-1");
                assertThat(store.reserve(List.of(keyed))).containsExactly(ReservationOutcome.RESERVED);
                assertThat(store.reserve(List.of(keyed(old1.request(), "order-1"))))
                        .containsExactly(ReservationOutcome.keyHeld(keyed.toIssued()));
            }
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, table)).as("migrated: both versions recorded").containsExactly(1, 2);
            }
            JdbcReservationStore.builder().url(url).table(table).createTable(false).build().close();
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void aTableMadeFromTheCurrentDdlTextPassesAndWorks(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("v2ddl");
        try (Connection c = DriverManager.getConnection(url)) {
            for (String sql : TableFormat.of(dialect(c), NumberTable.named(table)).newTableSql()) {
                execute(c, sql);
            }
        }
        try {
            try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).createTable(false)
                    .build()) {
                Reservation r = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
                assertThat(store.reserve(List.of(r))).containsExactly(ReservationOutcome.RESERVED);
                assertThat(store.find(r.trackingNumber())).contains(r.toIssued());
            }
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, table)).containsExactly(TableFormat.CURRENT);
            }
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void aMigrationInterruptedOrRunByTwoStoresAtOnceEndsAtVersionTwo(String database) throws Exception {
        String url = url(database);
        String interrupted = TestDatabases.freshTable("mig_int");
        String raced = TestDatabases.freshTable("mig_race");
        try {
            try (Connection c = DriverManager.getConnection(url)) {
                Dialect dialect = dialect(c);
                // interrupted after the index, before the version row
                execute(c, VersionOneDdl.of(dialect.name(), interrupted));
                execute(c, dialect.keyIndexSql(NumberTable.named(interrupted)));
                execute(c, VersionOneDdl.of(dialect.name(), raced));
            }
            JdbcReservationStore.builder().url(url).table(interrupted).build().close();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<?>> builds = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    builds.add(pool.submit(() -> {
                        start.await();
                        JdbcReservationStore.builder().url(url).table(raced).build().close();
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> build : builds) {
                    build.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, interrupted)).containsExactly(1, 2);
                assertThat(versionRows(c, raced)).containsExactly(1, 2);
                TableShape.check(c, dialect(c), NumberTable.named(raced));
            }
        } finally {
            TestDatabases.drop(url, interrupted);
            TestDatabases.drop(url, raced);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "postgres", "mariadb"})
    void aTableMarkedWithANewerVersionIsRefusedAtStart(String database) throws SQLException {
        String url = url(database);
        String table = TestDatabases.freshTable("newer");
        int newer = TableFormat.CURRENT + 1;
        try {
            JdbcReservationStore.builder().url(url).table(table).build().close();
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(versionRows(c, table)).as("a new table records the current version")
                        .containsExactly(TableFormat.CURRENT);
                execute(c, "INSERT INTO " + table + "_meta (format_version, applied_at)"
                        + " VALUES (" + newer + ", '2027-01-01T00:00:00Z')");
            }
            for (boolean create : new boolean[] {true, false}) {
                assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).table(table).createTable(create)
                        .build())
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("table " + table + " has format version " + newer)
                        .hasMessageContaining("newer than version " + TableFormat.CURRENT)
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
            int next = TableFormat.CURRENT + 1;
            List<FormatStep> steps = new ArrayList<>(dialect.formatSteps(numbers));
            steps.add(new FormatStep(next, List.of(step)));
            TableFormat toNext = new TableFormat(dialect, numbers, next, steps);

            assertThatThrownBy(() -> toNext.settle(c, false)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("has format version 1; this Tracknum uses version " + next)
                    .hasMessageContaining(dialect.keyIndexSql(numbers) + "; " + step + "; CREATE TABLE IF NOT EXISTS "
                            + table + "_meta")
                    .hasMessageContaining("INSERT INTO " + table + "_meta (format_version, applied_at) VALUES (2, '")
                    .hasMessageContaining("INSERT INTO " + table + "_meta (format_version, applied_at) VALUES ("
                            + next + ", '")
                    .hasMessageContaining("tracknum.jdbc.create-table=true");
            assertThat(hasColumn(c, table, "test_marker")).isFalse();

            toNext.settle(c, true);
            assertThat(hasColumn(c, table, "test_marker")).isTrue();
            assertThat(versionRows(c, table)).containsExactly(1, 2, next);
            toNext.settle(c, true); // already there: the steps are not run again (the marker would fail)
            toNext.settle(c, false);
            TableShape.check(c, dialect, numbers);

            assertThatThrownBy(() -> TableFormat.of(dialect, numbers).settle(c, true))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("has format version " + next);
        } finally {
            TestDatabases.drop(url, table);
        }
    }

    private static Reservation keyed(org.tracknum.ShipmentRequest request, String key) {
        return new Reservation(java.util.UUID.randomUUID(), ErrorClassificationContract.number(), request,
                java.time.Instant.now(), key);
    }

    /**
     * docs/jdbc.md shows the current format: its PostgreSQL and MariaDB DDL for DBAs are the
     * statements the store itself runs for a new table ({@link TableFormat#newTableSql}), its
     * companion DDL is {@link MetaTable#createSql}, and its 1-to-2 migration is the step's statement
     * and the version row (compared after dropping comments, spacing and {@code IF NOT EXISTS}).
     */
    @Test
    void docsShowTheCurrentDdlAndTheMigration() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "jdbc.md"));
        NumberTable numbers = NumberTable.named("tracknum_numbers");
        Dialect postgres = Dialect.detect("PostgreSQL", "15.20", ErrorClassificationContract.timeouts(),
                Durability.STRICT);
        Dialect mariaDb = Dialect.detect("MariaDB", "10.11.19-MariaDB", ErrorClassificationContract.timeouts(),
                Durability.STRICT);
        String dbaSection = doc.substring(doc.indexOf("### DDL for DBAs who create the table themselves"));

        assertThat(statements(sqlBlock(dbaSection, "PostgreSQL\n")))
                .isEqualTo(normalized(TableFormat.of(postgres, numbers).newTableSql()));
        assertThat(statements(sqlBlock(dbaSection, "MariaDB / MySQL\n")))
                .as("MariaDB: the table and its key index (the companion as for PostgreSQL)")
                .isEqualTo(normalized(TableFormat.of(mariaDb, numbers).newTableSql().subList(0, 2)));
        assertThat(statements(sqlBlock(doc, "### The format version: `<table>_meta`")).get(0))
                .isEqualTo(normalized(List.of(new MetaTable(postgres, numbers).createSql())).get(0));

        List<String> migration = statements(sqlBlock(doc, "**The migration from version 1 to 2**"));
        List<String> expected = normalized(TableFormat.of(postgres, numbers).migrationSql(1));
        assertThat(migration).hasSize(3);
        assertThat(migration.get(0)).isEqualTo(expected.get(0));
        assertThat(migration.get(2)).isEqualTo(expected.get(expected.size() - 1));
    }

    /** The first {@code ```sql} block after {@code heading}. */
    private static String sqlBlock(String text, String heading) {
        int at = text.indexOf(heading);
        assertThat(at).as("docs/jdbc.md has %s", heading).isNotNegative();
        int start = text.indexOf("```sql\n", at) + "```sql\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    private static List<String> statements(String block) {
        List<String> sql = new ArrayList<>();
        for (String statement : block.replaceAll("--[^\n]*", "").split(";")) {
            if (!statement.isBlank()) {
                sql.add(statement);
            }
        }
        return normalized(sql);
    }

    private static List<String> normalized(List<String> statements) {
        return statements.stream().map(sql -> sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")")
                .replace(" ,", ",").replace("IF NOT EXISTS ", "")
                .replaceAll("'\\d{4}-\\d\\d-\\d\\dT[^']*Z'", "'<now>'").replace("'<now>'", "'?'").strip())
                .toList();
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
