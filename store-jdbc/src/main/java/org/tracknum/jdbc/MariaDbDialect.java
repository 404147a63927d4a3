package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;

/**
 * MariaDB and MySQL (either driver). There is no safe conflict-free multi-row insert
 * ({@code INSERT IGNORE} also hides truncation and other errors, {@code ON DUPLICATE KEY UPDATE}
 * reports 1 for both outcomes), so a batch is one plain multi-row {@code INSERT} of rows sorted by
 * number; on a duplicate key ({@code 1062}) the store retries that batch row by row. Each
 * statement runs in strict {@code sql_mode} with the store's lock wait timeout, set for that
 * statement only ({@code SET STATEMENT ... FOR} on MariaDB, {@code SET_VAR} hints on MySQL), so a
 * user's pool needs no session setup. Tables are InnoDB, {@code utf8mb4}, binary collation.
 *
 * <p>Codes are the server's vendor codes, which both drivers pass through: MariaDB Connector/J
 * reports {@code 1205} as a plain {@code SQLException} with SQLState {@code HY000}, MySQL
 * Connector/J as {@code 40001}; both carry vendor code 1205.
 */
final class MariaDbDialect extends Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDialect.class);
    private static final String STRICT_MODE = "STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE,"
            + "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO";

    /** The last {@code for key 'name'} of a 1062 message (MySQL 8: {@code 'table.name'}); the entry before it is row data. */
    private static final Pattern FOR_KEY = Pattern.compile(".*for key '([^']+)'", Pattern.DOTALL);

    private final boolean mariaDbServer;

    MariaDbDialect(Timeouts timeouts, Durability durability, boolean mariaDbServer) {
        super(timeouts, durability);
        this.mariaDbServer = mariaDbServer;
    }

    @Override
    String name() {
        return mariaDbServer ? "MariaDB" : "MySQL";
    }

    @Override
    FailoverProtection readFailoverProtection(Connection c) throws SQLException {
        return MariaDbReplication.read(c);
    }

    /** The key compares bytes, whatever the server's default collation. */
    @Override
    String columnType(Column column) {
        return column.kind() == Column.Kind.KEY ? column.standardType() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : column.standardType();
    }

    @Override
    String tableOptions() {
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    @Override
    String insertSql(NumberTable table, int rows) {
        int lockSeconds = Timeouts.seconds(timeouts.lock());
        String insert = valuesInsert(table, rows);
        if (mariaDbServer) {
            return "SET STATEMENT sql_mode='" + STRICT_MODE + "', innodb_lock_wait_timeout=" + lockSeconds
                    + " FOR " + insert;
        }
        return insert.replaceFirst("^INSERT ", "INSERT /*+ SET_VAR(sql_mode='" + STRICT_MODE
                + "') SET_VAR(innodb_lock_wait_timeout=" + lockSeconds + ") */ ");
    }

    @Override
    boolean insertReturnsIds() {
        return false;
    }

    /** MySQL has no {@code CREATE INDEX IF NOT EXISTS}: there a repeat fails with 1061, which {@link #alreadyApplied} accepts. */
    @Override
    String keyIndexSql(NumberTable table) {
        String sql = super.keyIndexSql(table);
        return mariaDbServer ? sql : sql.replace(" IF NOT EXISTS", "");
    }

    @Override
    boolean alreadyApplied(SQLException e) {
        return e.getErrorCode() == 1061; // ER_DUP_KEYNAME
    }

    @Override
    UniqueIndexes.Violation uniqueViolation(SQLException e) {
        if (e.getErrorCode() != 1062) {
            return null;
        }
        Matcher m = FOR_KEY.matcher(String.valueOf(e.getMessage()));
        if (!m.lookingAt()) {
            return UniqueIndexes.Violation.UNIDENTIFIED;
        }
        String key = m.group(1);
        return UniqueIndexes.Violation.named(key.substring(key.lastIndexOf('.') + 1));
    }

    @Override
    ErrorKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case 1062: // ER_DUP_ENTRY: the index it names decides (UniqueIndexes); unnamed, it is fatal
                return ErrorKind.FATAL;
            case 1205: // ER_LOCK_WAIT_TIMEOUT: only the statement was rolled back
            case 1213: // ER_LOCK_DEADLOCK
            case 1040: // ER_CON_COUNT_ERROR (too many connections)
            case 1290: // ER_OPTION_PREVENTS_STATEMENT (--read-only, e.g. a replica after failover)
            case 1792: // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
                return ErrorKind.TRANSIENT;
            case 1317: // ER_QUERY_INTERRUPTED (KILL QUERY): may race with the commit
            case 1927: // ER_CONNECTION_KILLED
            case 1053: // ER_SERVER_SHUTDOWN
            case 1180: // ER_ERROR_DURING_COMMIT
                return ErrorKind.AMBIGUOUS;
            default:
                break;
        }
        if ("40001".equals(e.getSQLState())) {
            return ErrorKind.TRANSIENT;
        }
        return connectionLost(e) ? ErrorKind.AMBIGUOUS : ErrorKind.FATAL;
    }

    @Override
    void checkDurability(Connection c, NumberTable table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT @@GLOBAL.innodb_flush_log_at_trx_commit");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String value = rs.getString(1);
            if (!"1".equals(value)) {
                refuseOrWarn("innodb_flush_log_at_trx_commit=" + value
                        + " acknowledges commits before they are on disk", "Set innodb_flush_log_at_trx_commit=1");
            }
        }
    }

    /** The table must be InnoDB (transactions, crash safety); the key should compare bytes. */
    @Override
    void checkTable(Connection c, NumberTable table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.ENGINE, k.COLLATION_NAME"
                + " FROM information_schema.TABLES t JOIN information_schema.COLUMNS k"
                + " ON k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME"
                + " WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_NAME = ? AND k.COLUMN_NAME = 'tracking_number'")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return; // the common shape check reports the missing column
                }
                String engine = rs.getString(1);
                if (!"InnoDB".equalsIgnoreCase(engine)) {
                    throw new ConfigurationException(name() + " table " + table.name() + " uses engine " + engine
                            + ": the JDBC store needs InnoDB (ALTER TABLE " + table.name() + " ENGINE=InnoDB)");
                }
                String collation = rs.getString(2);
                if (collation != null && !collation.endsWith("_bin")) {
                    LOG.warn("{} table {}: tracking_number has collation {}, a binary collation"
                            + " (utf8mb4_bin) is expected", name(), table.name(), collation);
                }
            }
        }
    }

}
