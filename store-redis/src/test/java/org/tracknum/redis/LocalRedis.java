package org.tracknum.redis;

import java.util.List;
import java.util.UUID;
import org.tracknum.ci.TestServices;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared local Redis at {@code TRACKNUM_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}).
 * Unreachable: the test is skipped with a loud message, or fails when {@code CI=true}. Tests use
 * their own key prefix and delete only their own keys, never {@code FLUSHALL}.
 */
final class LocalRedis {
    static final String URL = TestServices.REDIS_URL;

    private LocalRedis() {
    }

    /** Skips (or, on CI, fails) the calling test when the local Redis does not answer. */
    static void requireReachable() {
        try (RedisClient client = RedisClient.create(URL)) {
            client.ping();
        } catch (RuntimeException e) {
            TestServices.unavailable("local Redis at TRACKNUM_TEST_REDIS_URL (" + URL + ") is unreachable", e);
        }
    }

    /** A key prefix no other test (or run) uses. */
    static String uniquePrefix(String test) {
        return "tracknum-test:" + test + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Deletes every key under {@code prefix}, and nothing else. */
    static long deleteKeys(String prefix) {
        long deleted = 0;
        try (RedisClient client = RedisClient.create(URL)) {
            ScanParams match = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, match);
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) {
                    deleted += client.unlink(keys.toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return deleted;
    }
}
