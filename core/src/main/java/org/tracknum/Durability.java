package org.tracknum;

/**
 * What a store demands of its server's durability settings when it is built; one type for every
 * store ({@code tracknum.jdbc.durability}, {@code tracknum.redis.durability}).
 */
public enum Durability {
    /**
     * Refuse a server configured to lose acknowledged writes: for JDBC {@code fsync=off},
     * {@code synchronous_commit=off}, {@code innodb_flush_log_at_trx_commit} other than 1, an
     * in-memory or delayed-write embedded database (embedded databases are opened durably: SQLite
     * {@code synchronous=FULL}, H2 {@code WRITE_DELAY 0}); for Redis {@code appendonly no}, an
     * {@code allkeys-*} eviction policy or settings that cannot be read ({@code appendfsync
     * everysec} passes: up to 1 s of numbers can be lost on power failure). The default.
     */
    STRICT,
    /** Only log a warning for such settings (and leave embedded databases as configured): for tests. */
    RELAXED
}
