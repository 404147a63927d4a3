package org.tracknum.ci;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule every module's tests follow for things outside the JVM (local services, server binaries):
 * when one is missing the test is skipped with a loud message, and with {@code CI=true} it fails.
 * Also the addresses of the local services, read from the same {@code TRACKNUM_TEST_*} variables
 * everywhere.
 */
public final class TestServices {
    public static final String POSTGRES_URL = env("TRACKNUM_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    public static final String MARIADB_URL = env("TRACKNUM_TEST_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    public static final String REDIS_URL = env("TRACKNUM_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private TestServices() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Whether missing services fail the build ({@code CI=true}) instead of skipping tests. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test loudly because {@code what} is unavailable, or fails it on CI. */
    public static void unavailable(String what, Throwable cause) {
        String message = "*** SKIPPED: " + what + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + ". Start it (see .ci/run) or set the TRACKNUM_TEST_* variable. ***";
        if (onCi()) {
            throw new AssertionError(message, cause);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** Skips (or, on CI, fails) unless a JDBC connection to {@code url} opens. */
    public static void requireDatabase(String what, String url) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (SQLException e) {
            unavailable(what + " is not reachable at " + url.replaceAll("\\?.*", "") + " (SQLState "
                    + e.getSQLState() + ")", null);
        }
    }
}
