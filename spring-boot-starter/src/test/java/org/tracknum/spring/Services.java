package org.tracknum.spring;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.tracknum.ci.TestServices;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** The local PostgreSQL and Redis (TRACKNUM_TEST_*), with a name of each test's own. */
final class Services {
    private Services() {
    }

    static String postgresUrl() {
        try (Connection c = DriverManager.getConnection(TestServices.POSTGRES_URL)) {
            return TestServices.POSTGRES_URL;
        } catch (Exception e) {
            TestServices.unavailable("PostgreSQL at " + TestServices.POSTGRES_URL, e);
            throw new AssertionError(e);
        }
    }

    /** A client that compiles on every Jedis the Boot lines manage (JedisPooled is gone in 8, RedisClient new in 7.2). */
    static UnifiedJedis redis() {
        URI uri = URI.create(TestServices.REDIS_URL);
        UnifiedJedis client = new UnifiedJedis(new PooledConnectionProvider(new HostAndPort(uri.getHost(), uri.getPort())),
                1, Duration.ofSeconds(2));
        try {
            client.ping();
            return client;
        } catch (RuntimeException e) {
            client.close();
            TestServices.unavailable("Redis at " + TestServices.REDIS_URL, e);
            throw new AssertionError(e);
        }
    }

    static String uniqueName(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    static void dropTable(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(TestServices.POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
