/**
 * The JDBC reservation store: {@link org.tracknum.jdbc.JdbcReservationStore} claims tracking
 * numbers with unique INSERTs into one table of PostgreSQL, MariaDB/MySQL, H2 or SQLite, through a
 * user's {@code DataSource} or a HikariCP pool built from a JDBC URL. Everything else here is
 * package-private: the opening work of {@code build()} ({@code StoreOpening}), the table's columns
 * described once ({@code Columns}) with its shape check and its format version
 * ({@code TableFormat}, kept in {@code <table>_meta}, with the per-dialect migration steps), one
 * small dialect class per database (DDL, batch insert, error classification, durability check),
 * what the server shows about failover, the table's unique indexes by which duplicate-key errors
 * are classified ({@code UniqueIndexes}), the reads by idempotency key ({@code KeyReads}), and the
 * pool settings.
 */
package org.tracknum.jdbc;
