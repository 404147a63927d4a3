package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.Durability;

/**
 * SQLite (xerial sqlite-jdbc). A batch is one multi-row {@code INSERT ... ON CONFLICT
 * (tracking_number) DO NOTHING RETURNING reservation_id} of rows sorted by number. The store
 * switches the database to WAL journal mode and queues its own writers on an in-process lock
 * (SQLite has one writer at a time; its busy handler polls with sleeps). Every connection gets {@code busy_timeout} (the lock timeout) and, in strict mode,
 * {@code synchronous=FULL}, which are per-connection settings in SQLite.
 *
 * <p>sqlite-jdbc reports SQLState null and the primary result code as vendor code: {@code 5}
 * ({@code SQLITE_BUSY}) and {@code 6} ({@code SQLITE_LOCKED}) are transient; a constraint error
 * ({@code 19}) cannot be a taken number (the statement skips those) and is fatal.
 */
final class SqliteDialect extends Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDialect.class);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SYNCHRONOUS_FULL = 2;
    private static final int SQLITE_CONSTRAINT = 19;
    /** SQLite names no index, only its columns: {@code UNIQUE constraint failed: t.customer_id, t.idempotency_key}. */
    private static final Pattern COLUMNS = Pattern.compile("constraint failed: ([A-Za-z0-9_$., ]+)");

    SqliteDialect(Timeouts timeouts, Durability durability) {
        super(timeouts, durability);
    }

    @Override
    String name() {
        return "SQLite";
    }

    @Override
    String insertSql(NumberTable table, int rows) {
        return valuesInsert(table, rows) + " ON CONFLICT (tracking_number) DO NOTHING RETURNING reservation_id";
    }

    @Override
    boolean insertReturnsIds() {
        return true;
    }

    @Override
    boolean singleWriter() {
        return true;
    }

    /** Declared types are affinities in SQLite: only the columns' presence is checked. */
    @Override
    boolean reportsColumnTypes() {
        return false;
    }

    /**
     * WAL lets readers run beside the writer and costs one sync per commit instead of several
     * (measured: 60 numbers/s with the default rollback journal and 8 threads, 4,800 with WAL).
     * The mode is stored in the database file; a database that cannot switch keeps its mode.
     */
    private void useWriteAheadLog(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rs.next() ? rs.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                LOG.info("SQLite database stays in journal_mode={} (WAL was refused)", mode);
            }
        }
    }

    /**
     * A constraint error ({@code 19}) of kind {@code SQLITE_CONSTRAINT_UNIQUE} or {@code _PRIMARYKEY}
     * (the extended code appears in the message; the driver class is the user's dependency).
     */
    @Override
    UniqueIndexes.Violation uniqueViolation(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT || !(message.contains("SQLITE_CONSTRAINT_UNIQUE")
                || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY"))) {
            return null;
        }
        Matcher m = COLUMNS.matcher(message);
        if (!m.find()) {
            return UniqueIndexes.Violation.UNIDENTIFIED;
        }
        return UniqueIndexes.Violation.onColumns(Arrays.stream(m.group(1).split(","))
                .map(c -> c.strip().substring(c.strip().lastIndexOf('.') + 1)).toList());
    }

    @Override
    ErrorKind classify(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            return ErrorKind.TRANSIENT;
        }
        return ErrorKind.FATAL;
    }

    @Override
    void prepare(Connection c, boolean ownPool) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + timeouts.lock().toMillis());
            if (durability == Durability.STRICT) {
                s.execute("PRAGMA synchronous = FULL");
            }
        }
    }

    @Override
    void checkDurability(Connection c, NumberTable table) throws SQLException {
        prepare(c, true);
        useWriteAheadLog(c);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA database_list")) {
                while (rs.next()) {
                    String file = rs.getString("file");
                    if ("main".equals(rs.getString("name")) && (file == null || file.isEmpty())) {
                        refuseOrWarn("an in-memory or temporary database loses every number when it"
                                + " closes", "Use a database file (jdbc:sqlite:/path/to/file.db)");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                int level = rs.next() ? rs.getInt(1) : -1;
                if (level < SYNCHRONOUS_FULL) {
                    refuseOrWarn("PRAGMA synchronous=" + level + " does not sync every commit",
                            "Use synchronous=FULL");
                }
            }
        }
    }

}
