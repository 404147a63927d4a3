package org.tracknum.benchmarks;

import java.util.UUID;

/**
 * Where the measured services are: the same {@code TRACKNUM_TEST_*} variables and defaults as the
 * stores' tests, plus {@code TRACKNUM_TEST_REDIS_CLUSTER} (seed nodes, {@code host:port,...}),
 * which {@code benchmarks/run.sh} sets after starting a local cluster.
 */
final class Services {
    static final String POSTGRES = "TRACKNUM_TEST_POSTGRES_URL";
    static final String MARIADB = "TRACKNUM_TEST_MARIADB_URL";
    static final String REDIS = "TRACKNUM_TEST_REDIS_URL";
    static final String REDIS_CLUSTER = "TRACKNUM_TEST_REDIS_CLUSTER";

    private Services() {
    }

    static String postgresUrl() {
        return env(POSTGRES, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    static String mariaDbUrl() {
        return env(MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    static String redisUrl() {
        return env(REDIS, "redis://127.0.0.1:6379");
    }

    /** The Cluster's seed nodes; fails clearly when none is given. */
    static String redisCluster() {
        String nodes = System.getenv(REDIS_CLUSTER);
        if (nodes == null || nodes.isBlank()) {
            throw new IllegalStateException("no Redis Cluster: set " + REDIS_CLUSTER
                    + "=host:port,host:port,... or run benchmarks/run.sh, which starts a local one");
        }
        return nodes.strip();
    }

    /**
     * The exception a benchmark fails with when its store cannot be opened: names the service, the
     * variable to set and the address without credentials or query.
     */
    static IllegalStateException unreachable(String service, String variable, String address, RuntimeException e) {
        return new IllegalStateException(service + " at " + redact(address) + " (" + variable
                + ") cannot be used: " + e.getMessage() + ". Start it or point " + variable + " at one.", e);
    }

    /** An address without user info or query, which may hold a password. */
    static String redact(String address) {
        String s = address;
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int at = s.lastIndexOf('@');
        int scheme = s.indexOf("//");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 2) + s.substring(at + 1);
        }
        return s;
    }

    /** A short random name part for a fresh table or key prefix. */
    static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
