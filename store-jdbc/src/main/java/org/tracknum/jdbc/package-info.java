/**
 * The JDBC reservation store: {@link org.tracknum.jdbc.JdbcReservationStore} claims tracking
 * numbers with unique INSERTs into one table of PostgreSQL, MariaDB/MySQL, H2 or SQLite, through a
 * user's {@code DataSource} or a HikariCP pool built from a JDBC URL. Everything else here is
 * package-private: one small dialect class per database (DDL, batch insert, error classification,
 * durability check), what the server shows about failover, the table's columns, and the pool
 * settings.
 */
package org.tracknum.jdbc;
