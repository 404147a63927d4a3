package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.tracknum.Durability;

/**
 * H2 2.x. Like MariaDB, H2 has no conflict-free insert that is safe under concurrency (its
 * {@code MERGE} is not), so a batch is one multi-row {@code INSERT} and a duplicate key
 * ({@code 23505}) sends the store row by row. H2 delays commits by 500 ms by default
 * ({@code WRITE_DELAY}): in strict mode the store sets it to 0 so that a commit is written before
 * the call returns. Lock waits are bounded per session with {@code SET LOCK_TIMEOUT}.
 */
final class H2Dialect extends Dialect {

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
    ErrorKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case 23505: // DUPLICATE_KEY_1: only the primary key means "taken"
                return foreignUniqueIndex(e) == null ? ErrorKind.DUPLICATE : ErrorKind.FATAL;
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

    /**
     * H2 names the index first: {@code ... violation: "PUBLIC.PRIMARY_KEY_8 ON PUBLIC.T(TRACKING_NUMBER) ..."}.
     * Its primary key's index is named {@code PRIMARY_KEY_...}; any other name is foreign.
     */
    @Override
    String foreignUniqueIndex(SQLException e) {
        if (e.getErrorCode() != 23505 || e.getMessage() == null) {
            return null;
        }
        String message = e.getMessage();
        int quote = message.indexOf('"');
        int on = quote < 0 ? -1 : message.indexOf(" ON ", quote);
        if (on < 0) {
            return null;
        }
        String index = message.substring(quote + 1, on);
        String name = index.substring(index.lastIndexOf('.') + 1);
        return name.startsWith("PRIMARY_KEY") ? null : name;
    }
}
