package org.tracknum.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.tracknum.ci.TestServices;

/**
 * The shared PostgreSQL at {@code TRACKNUM_TEST_POSTGRES_URL}.
 * Unreachable: the calling test is skipped with a loud message, or fails when {@code CI=true}.
 * Tests use their own table or key prefix and remove only that.
 */
public final class Services {
    public static final String POSTGRES_URL = TestServices.POSTGRES_URL;

    private Services() {
    }

    public static void requirePostgres() {
        requireDatabase("PostgreSQL at TRACKNUM_TEST_POSTGRES_URL", POSTGRES_URL);
    }

    private static void requireDatabase(String what, String url) {
        TestServices.requireDatabase(what, url);
    }

    /** Skips the test loudly, or fails it on CI. */
    public static void unreachable(String what, Exception cause) {
        TestServices.unavailable(what + " is unreachable", cause);
    }

    /** A table or key name no other test run uses. */
    public static String uniqueName(String test) {
        return test + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void dropPostgresTable(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
