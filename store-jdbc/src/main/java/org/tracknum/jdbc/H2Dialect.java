package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracknum.Durability;

/**
 * H2 2.x. Like MariaDB, H2 has no conflict-free insert that is safe under concurrency (its
 * {@code MERGE} is not), so a batch is one multi-row {@code INSERT} and a duplicate key
 * ({@code 23505}) sends the store row by row. H2 delays commits by 500 ms by default
 * ({@code WRITE_DELAY}): in strict mode the store sets it to 0 so that a commit is written before
 * the call returns. Lock waits are bounded per session with {@code SET LOCK_TIMEOUT}.
 */
final class H2Dialect extends Dialect {
    /** {@code "PUBLIC.T_IKEY ON PUBLIC.T(...) VALUES (...)"}: the index comes first, the row data after it. */
    private static final Pattern INDEX = Pattern.compile("\"(?:[A-Za-z0-9_$]+\\.)?([A-Za-z0-9_$]+) ON ");

    H2Dialect(Timeouts timeouts, Durability durability) {
        super(timeouts, durability);
    }

    @Override
    String name() {
        return "H2";
    }

    /** H2 counts UTF-16 units: a name of 255 code points may need 510. */
    @Override
    String columnType(Column column) {
        return column.kind() == Column.Kind.NAME ? "VARCHAR(" + 2 * column.length() + ")" : column.standardType();
    }

    @Override
    String insertSql(NumberTable table, int rows) {
        return valuesInsert(table, rows);
    }

    @Override
    boolean insertReturnsIds() {
        return false;
    }

    @Override
    UniqueIndexes.Violation uniqueViolation(SQLException e) {
        if (e.getErrorCode() != 23505) {
            return null;
        }
        Matcher m = INDEX.matcher(String.valueOf(e.getMessage()));
        return m.find() ? UniqueIndexes.Violation.named(m.group(1)) : UniqueIndexes.Violation.UNIDENTIFIED;
    }

    @Override
    ErrorKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case 23505: // DUPLICATE_KEY_1: the index it names decides (UniqueIndexes); unnamed, it is fatal
                return ErrorKind.FATAL;
            case 50200: // LOCK_TIMEOUT_1 (deadlocks surface here too)
            case 40001: // DEADLOCK_1
            case 90131: // CONCURRENT_UPDATE_1
                return ErrorKind.TRANSIENT;
            case 90067: // CONNECTION_BROKEN_1
            case 90121: // DATABASE_CALLED_AT_SHUTDOWN
            case 90098: // DATABASE_IS_CLOSED
                return ErrorKind.AMBIGUOUS;
            default:
                return connectionLost(e) ? ErrorKind.AMBIGUOUS : ErrorKind.FATAL;
        }
    }

    @Override
    void prepare(Connection c, boolean ownPool) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT " + timeouts.lock().toMillis());
        }
    }

    @Override
    void checkDurability(Connection c, NumberTable table) throws SQLException {
        String url = c.getMetaData().getURL();
        if (url != null && url.contains(":mem:")) {
            refuseOrWarn("an in-memory database loses every number when it closes",
                    "Use a file database (jdbc:h2:file:...)");
            return;
        }
        if (durability == Durability.STRICT) {
            try (Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            String delay = rs.next() ? rs.getString(1) : null;
            if (delay != null && !"0".equals(delay.strip())) {
                refuseOrWarn("WRITE_DELAY=" + delay + " ms acknowledges commits before they are"
                        + " written", "Run SET WRITE_DELAY 0 as an admin");
            }
        }
    }

}
