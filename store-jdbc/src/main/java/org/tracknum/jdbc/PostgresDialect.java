package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import org.tracknum.Durability;

/**
 * PostgreSQL. A batch of two or more is one statement of one shape whatever its size: the rows travel as ten
 * text arrays, {@code unnest} turns them into rows sorted by number (so concurrent batches take
 * row locks in the same order and cannot deadlock), {@code ON CONFLICT (tracking_number) DO
 * NOTHING} skips taken numbers (also a number twice in one batch), and {@code RETURNING} names
 * the reservations that were stored. In autocommit mode that is one round trip and one
 * transaction.
 *
 * <p>The conflict target is named on purpose: a violation of the idempotency key's index (or of
 * any other unique index) is not absorbed but raises {@code 23505}, and the index it names
 * ({@code ServerErrorMessage.getConstraint()}, language-independent) tells the key's index from an
 * index someone else added. A concurrent insert of the same key in another transaction makes the
 * statement wait on the index until that transaction ends ({@code lock_timeout} bounds the wait).
 */
final class PostgresDialect extends Dialect {

    PostgresDialect(Timeouts timeouts, Durability durability) {
        super(timeouts, durability);
    }

    @Override
    String name() {
        return "PostgreSQL";
    }

    @Override
    String columnType(Column column) {
        return column.kind() == Column.Kind.UUID ? "UUID" : column.standardType();
    }

    /**
     * {@code INSERT INTO t (cols) SELECT tracking_number, reservation_id::uuid, ... FROM unnest(?::text[], ...)
     * AS u(cols) ORDER BY tracking_number ON CONFLICT (tracking_number) DO NOTHING RETURNING reservation_id},
     * the same statement for every batch size of two or more. A batch of one (a lone caller, a row
     * written again by itself) is {@code INSERT INTO t (cols) VALUES (?, ?::uuid, ...) ON CONFLICT
     * (tracking_number) DO NOTHING RETURNING reservation_id} with the values bound one by one: the
     * same outcome, without ten one-element arrays to build, send and unnest, which cost a lone
     * caller about twice a plain INSERT's CPU in the JVM and in PostgreSQL.
     */
    @Override
    String insertSql(NumberTable table, int rows) {
        String columns = Columns.writtenList();
        String key = Columns.TRACKING_NUMBER.name();
        String onConflict = " ON CONFLICT (" + key + ") DO NOTHING RETURNING " + Columns.RESERVATION_ID.name();
        if (rows == 1) {
            String values = String.join(", ", Columns.WRITTEN.stream().map(c -> "?" + cast(c)).toList());
            return "INSERT INTO " + table.name() + " (" + columns + ") VALUES (" + values + ")" + onConflict;
        }
        String casts = String.join(", ", Columns.WRITTEN.stream().map(c -> c.name() + cast(c)).toList());
        String arrays = String.join(", ", Collections.nCopies(Columns.WRITTEN.size(), "?::text[]"));
        return "INSERT INTO " + table.name() + " (" + columns + ") SELECT " + casts + " FROM unnest(" + arrays
                + ") AS u(" + columns + ") ORDER BY " + key + onConflict;
    }

    /** Values travel as text; these columns are not text in PostgreSQL. */
    private static String cast(Column column) {
        switch (column.kind()) {
            case UUID:
                return "::uuid";
            case DECIMAL:
                return "::numeric";
            default:
                return "";
        }
    }

    @Override
    boolean insertReturnsIds() {
        return true;
    }

    /** One text array per column; a batch of one binds its values as they are ({@link #insertSql}). */
    @Override
    void bind(Connection c, PreparedStatement ps, List<String[]> rows) throws SQLException {
        if (rows.size() == 1) {
            super.bind(c, ps, rows);
            return;
        }
        int columns = Columns.WRITTEN.size();
        for (int col = 0; col < columns; col++) {
            String[] values = new String[rows.size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = rows.get(row)[col];
            }
            ps.setArray(col + 1, c.createArrayOf("text", values));
        }
    }

    @Override
    UniqueIndexes.Violation uniqueViolation(SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
            return null;
        }
        String name = serverConstraint(e);
        if (name == null) {
            // the primary message, which logServerErrorDetail=false keeps while dropping the row
            name = quotedAfter(e.getMessage(), "unique constraint \"");
        }
        return name == null ? UniqueIndexes.Violation.UNIDENTIFIED : UniqueIndexes.Violation.named(name);
    }

    /** pgjdbc's {@code getServerErrorMessage().getConstraint()}, by reflection: the driver is the user's dependency. */
    private static String serverConstraint(SQLException e) {
        try {
            Object message = e.getClass().getMethod("getServerErrorMessage").invoke(e);
            return message == null ? null : (String) message.getClass().getMethod("getConstraint").invoke(message);
        } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
            return null;
        }
    }

    /** Sent untyped, so the server compares it with a {@code UUID} column or a text one alike. */
    @Override
    void bindUuid(PreparedStatement ps, int index, String uuid) throws SQLException {
        ps.setObject(index, uuid, Types.OTHER);
    }

    @Override
    ErrorKind classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            switch (state) {
                case "40001": // serialization_failure
                case "40P01": // deadlock_detected
                case "55P03": // lock_not_available (lock_timeout)
                case "57014": // query_canceled: the statement was rolled back
                case "57P03": // cannot_connect_now (starting up)
                case "53300": // too_many_connections
                case "25006": // read_only_sql_transaction (a standby after failover)
                case "08001": // refused: nothing was sent
                case "08004": // server rejected the connection
                    return ErrorKind.TRANSIENT;
                case "57P01": // admin_shutdown (pg_terminate_backend, fast shutdown)
                case "57P02": // crash_shutdown
                case "08006": // connection_failure (I/O error)
                case "08003": // connection_does_not_exist
                    return ErrorKind.AMBIGUOUS;
                default:
                    break;
            }
        }
        return connectionLost(e) ? ErrorKind.AMBIGUOUS : ErrorKind.FATAL;
    }

    @Override
    FailoverProtection readFailoverProtection(Connection c) throws SQLException {
        return PostgresReplication.read(c);
    }

    @Override
    void checkDurability(Connection c, NumberTable table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('fsync'),"
                + " current_setting('synchronous_commit'),"
                + " (SELECT relpersistence FROM pg_class WHERE oid = to_regclass(?))")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if ("off".equals(rs.getString(1))) {
                    refuseOrWarn("fsync=off loses committed numbers when the server crashes",
                            "Set fsync=on in postgresql.conf");
                }
                if ("off".equals(rs.getString(2))) {
                    refuseOrWarn("synchronous_commit=off acknowledges commits before they are"
                            + " durable", "Set synchronous_commit=on (or local, remote_write, remote_apply)"
                            + " for this server, database or role");
                }
                String persistence = rs.getString(3);
                if ("u".equals(persistence) || "t".equals(persistence)) {
                    refuseOrWarn("table " + table.name() + " is "
                            + ("u".equals(persistence) ? "UNLOGGED (emptied after a crash)" : "TEMPORARY"),
                            "Recreate it as a regular table (ALTER TABLE ... SET LOGGED)");
                }
            }
        }
    }

}
