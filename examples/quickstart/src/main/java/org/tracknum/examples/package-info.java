/**
 * Runnable examples of Tracknum in a parcel system, each a class with {@code main}, each run by a
 * test so that it keeps working: {@link org.tracknum.examples.QuickStartExample} (in-process,
 * memory store), {@link org.tracknum.examples.JdbcDataSourceExample} (your HikariCP
 * {@code DataSource}), {@link org.tracknum.examples.RedisClientExample} (your Jedis
 * {@code RedisClient}) and {@link org.tracknum.examples.PropertiesFileExample} (the store chosen by
 * a properties file).
 */
package org.tracknum.examples;
