package org.tracknum.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;

/**
 * What differs between databases: the DDL, the one-statement batch insert, the classification of
 * errors by exact codes, the durability check, and per-connection session settings. One small
 * subclass per database, chosen from {@link DatabaseMetaData} by {@link #detect}.
 */
abstract class Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(Dialect.class);

    final Timeouts timeouts;
    final Durability durability;
    /** Set at start by {@link #checkFailoverProtection}, before the store is built. */
    FailoverProtection failover = FailoverProtection.EMBEDDED;

    Dialect(Timeouts timeouts, Durability durability) {
        this.timeouts = timeouts;
        this.durability = durability;
    }

    /** Picks the dialect of the connected server. */
    static Dialect detect(DatabaseMetaData md, Timeouts timeouts, Durability durability) throws SQLException {
        return detect(md.getDatabaseProductName(), md.getDatabaseProductVersion(), timeouts, durability);
    }

    /** Picks the dialect from the product name and version that the driver reports. */
    static Dialect detect(String product, String version, Timeouts timeouts, Durability durability) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return new PostgresDialect(timeouts, durability);
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            // MySQL Connector/J reports "MySQL" for a MariaDB server too; the version tells them apart.
            boolean mariaDbServer = p.contains("mariadb") || (version != null && version.contains("MariaDB"));
            return new MariaDbDialect(timeouts, durability, mariaDbServer);
        }
        if (p.equals("h2")) {
            return new H2Dialect(timeouts, durability);
        }
        if (p.equals("sqlite")) {
            return new SqliteDialect(timeouts, durability);
        }
        throw new ConfigurationException("unsupported database " + product + ": the JDBC store supports PostgreSQL,"
                + " MariaDB, MySQL, H2 and SQLite");
    }

    /** For logs and {@code describe()}. */
    abstract String name();

    /** {@code CREATE TABLE IF NOT EXISTS} with the columns of {@link Columns}, in their order. */
    final String createTableSql(NumberTable table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.name()).append(" (");
        for (Column column : Columns.ALL) {
            sql.append(column == Columns.ALL.get(0) ? "" : ", ").append(column.name()).append(' ')
                    .append(columnType(column)).append(column.nullable() ? " NULL" : " NOT NULL")
                    .append(column.kind() == Column.Kind.KEY ? " PRIMARY KEY" : "");
        }
        return sql.append(')').append(tableOptions()).toString();
    }

    /** The SQL type of {@code column} in this database; the standard spelling unless overridden. */
    String columnType(Column column) {
        return column.standardType();
    }

    /**
     * The steps that migrate a table of an older format version to {@link TableFormat#CURRENT}, in
     * order (the first leads to version 2). Version 2 adds the idempotency key's unique index.
     */
    List<FormatStep> formatSteps(NumberTable table) {
        return List.of(new FormatStep(2, List.of(keyIndexSql(table))));
    }

    /**
     * The unique index on {@code (customer_id, idempotency_key)} (format version 2): at most one
     * number per customer and key; rows without a key (NULL) do not collide in any supported
     * database. Tolerates an index already there.
     */
    String keyIndexSql(NumberTable table) {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + table.keyIndexName() + " ON " + table.name() + " ("
                + String.join(", ", UniqueIndexes.KEY_COLUMNS) + ")";
    }

    /** True if a migration statement failed only because its change is already there. */
    boolean alreadyApplied(SQLException e) {
        return false;
    }

    /**
     * Which unique index a duplicate-key error names, or {@code null} if {@code e} is not a
     * duplicate-key error. Never reads row values out of the message.
     */
    abstract UniqueIndexes.Violation uniqueViolation(SQLException e);

    /** Binds a UUID as text for a comparison with a UUID column ({@code CHAR(36)} unless overridden). */
    void bindUuid(PreparedStatement ps, int index, String uuid) throws SQLException {
        ps.setString(index, uuid);
    }

    /** What follows the column list (engine, character set). */
    String tableOptions() {
        return "";
    }

    /** One statement inserting {@code rows} rows, bound by {@link #bind}. */
    abstract String insertSql(NumberTable table, int rows);

    /**
     * True if the insert skips rows whose number is taken and returns the reservation ids it
     * inserted (PostgreSQL, SQLite); false if a taken number fails the whole statement with a
     * {@link ErrorKind#DUPLICATE} error (MariaDB/MySQL, H2), after which the store goes row by row.
     */
    abstract boolean insertReturnsIds();

    /** Classifies a failed statement by exact SQLState / vendor codes. */
    abstract ErrorKind classify(SQLException e);

    /** The text between {@code prefix} and the next double quote in {@code message}, or null. */
    static String quotedAfter(String message, String prefix) {
        int at = message == null ? -1 : message.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int start = at + prefix.length();
        int end = message.indexOf('"', start);
        return end < 0 ? null : message.substring(start, end);
    }

    /**
     * Checks, and for embedded databases sets, what makes a commit durable.
     *
     * @throws ConfigurationException naming the setting and the opt-out, in strict mode
     */
    abstract void checkDurability(Connection c, NumberTable table) throws SQLException;

    /**
     * Reads whether acknowledged commits survive a failover, logs it in one line and keeps it for
     * {@code describe()} ({@link #failover}). Called once at start, after {@link #checkDurability}.
     */
    final void checkFailoverProtection(Connection c, NumberTable table) throws SQLException {
        failover = readFailoverProtection(c);
        failover.log("JDBC store " + name() + " table " + table.name());
    }

    /** What the server shows about failover; by default an embedded database, with nothing to fail over to. */
    FailoverProtection readFailoverProtection(Connection c) throws SQLException {
        return FailoverProtection.EMBEDDED;
    }

    /** Extra checks of an existing table (engine, collation). */
    void checkTable(Connection c, NumberTable table) throws SQLException {
        // nothing beyond the common shape check
    }

    /**
     * True if the database admits one writer at a time (SQLite): the store then queues its writers
     * on an in-process lock instead of letting them poll the database's lock.
     */
    boolean singleWriter() {
        return false;
    }

    /** True if the driver reports declared column types and lengths that the shape check can trust. */
    boolean reportsColumnTypes() {
        return true;
    }

    /**
     * Session settings for a connection just taken from the pool. {@code ownPool} tells whether the
     * connection comes from the pool the store built (whose driver properties already set them).
     */
    void prepare(Connection c, boolean ownPool) throws SQLException {
        if (!ownPool) {
            c.setNetworkTimeout(Runnable::run, timeouts.socketMillis());
        }
    }

    /** Binds the rows (each in {@link Columns#WRITTEN} order) positionally. */
    void bind(Connection c, PreparedStatement ps, List<String[]> rows) throws SQLException {
        int i = 1;
        for (String[] row : rows) {
            for (String value : row) {
                ps.setString(i++, value);
            }
        }
    }

    /**
     * Runs one insert of {@code rows} (sorted by number) and returns the reservation ids it stored.
     *
     * @throws SQLException as raised, to be classified
     */
    final List<UUID> insert(Connection c, NumberTable table, List<String[]> rows, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, rows);
            List<UUID> stored = new ArrayList<>(rows.size());
            if (insertReturnsIds()) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(UUID.fromString(rs.getString(1).strip()));
                    }
                }
            } else {
                ps.executeUpdate();
                for (String[] row : rows) {
                    stored.add(NumberTable.reservationId(row));
                }
            }
            return stored;
        }
    }

    /** {@code INSERT INTO t (columns) VALUES (?, ...), ...} for {@code rows} rows. */
    static String valuesInsert(NumberTable table, int rows) {
        return "INSERT INTO " + table.name() + " (" + Columns.writtenList() + ") VALUES " + valueRows(rows);
    }

    /** {@code "(?, ?, ...), (?, ...)"} for {@code rows} rows of every column. */
    private static String valueRows(int rows) {
        String one = "(" + String.join(", ", Collections.nCopies(Columns.WRITTEN.size(), "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, one));
    }

    /**
     * A lost connection while a statement may have been sent: SQLState class 08, the JDBC
     * connection exception types, or an I/O error anywhere in the cause chain.
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        if (e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Refuses in strict mode, warns in relaxed mode. */
    final void refuseOrWarn(String problem, String fix) {
        if (durability == Durability.STRICT) {
            throw new ConfigurationException(name() + ": " + problem + ". " + fix
                    + ", or accept the risk with tracknum.jdbc.durability=relaxed (builder: durability(RELAXED))");
        }
        LOG.warn("{}: {} (accepted by durability=relaxed)", name(), problem);
    }

    @Override
    public String toString() {
        return name();
    }
}
