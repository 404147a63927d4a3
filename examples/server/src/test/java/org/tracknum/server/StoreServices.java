package org.tracknum.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.tracknum.ci.TestServices;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared PostgreSQL and Redis at {@code TRACKNUM_TEST_POSTGRES_URL} / {@code TRACKNUM_TEST_REDIS_URL}.
 * Unreachable: the calling test is skipped with a loud message, or fails when {@code CI=true}.
 * Tests use their own table or key prefix and remove only that.
 */
final class StoreServices {
    static final String POSTGRES_URL = TestServices.POSTGRES_URL;
    static final String MARIADB_URL = TestServices.MARIADB_URL;
    static final String REDIS_URL = TestServices.REDIS_URL;

    private StoreServices() {
    }

    static void requirePostgres() {
        requireDatabase("PostgreSQL at TRACKNUM_TEST_POSTGRES_URL", POSTGRES_URL);
    }

    static void requireMariaDb() {
        requireDatabase("MariaDB at TRACKNUM_TEST_MARIADB_URL", MARIADB_URL);
    }

    private static void requireDatabase(String what, String url) {
        TestServices.requireDatabase(what, url);
    }

    static void requireRedis() {
        try (RedisClient client = RedisClient.create(REDIS_URL)) {
            client.ping();
        } catch (RuntimeException e) {
            unreachable("Redis at TRACKNUM_TEST_REDIS_URL (" + REDIS_URL + ")", e);
        }
    }

    /** Skips the test loudly, or fails it on CI. */
    static void unreachable(String what, Exception cause) {
        TestServices.unavailable(what + " is unreachable", cause);
    }

    /** A table or key name no other test run uses. */
    static String uniqueName(String test) {
        return test + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void dropPostgresTable(String table) throws SQLException {
        dropTable(POSTGRES_URL, table);
    }

    static void dropTable(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** Deletes the keys under {@code prefix} in the shared Redis, and nothing else. */
    static void deleteRedisKeys(String url, String prefix) {
        try (RedisClient client = RedisClient.create(url)) {
            ScanParams match = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, match);
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) {
                    client.unlink(keys.toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
