package org.tracknum.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.tracknum.ci.TestServices;

/**
 * Addresses of the test databases, and table housekeeping. PostgreSQL and MariaDB are the local
 * services ({@code TRACKNUM_TEST_POSTGRES_URL}, {@code TRACKNUM_TEST_MARIADB_URL}); when one is
 * unreachable its tests are skipped loudly, or fail when {@code CI=true}.
 */
final class TestDatabases {
    static final String POSTGRES_URL = TestServices.POSTGRES_URL;
    static final String MARIADB_URL = TestServices.MARIADB_URL;
    /** MySQL Connector/J against the same MariaDB server. */
    static final String MYSQL_DRIVER_URL = MARIADB_URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");

    private TestDatabases() {
    }

    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("tracknum").toAbsolutePath();
    }

    static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("tracknum.db").toAbsolutePath();
    }

    /** Skips (or, on CI, fails) unless a connection to {@code url} can be opened. */
    static void requireReachable(String url, String what) {
        TestServices.requireDatabase(what, url);
    }

    /** A table name of its own for one test: {@code tn_<tag>_<random>}. */
    static String freshTable(String tag) {
        return ("tn_" + tag + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    /** Drops the table and its format-version companion. */
    static void drop(String url, String table) {
        execute(url, "DROP TABLE IF EXISTS " + table);
        execute(url, "DROP TABLE IF EXISTS " + table + "_meta");
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
