package org.tracknum.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;

/**
 * Turns driver exceptions into failures that are safe to log. Driver messages may hold row values
 * (pgjdbc's "Failing row contains (...)", H2's SQL with its parameters, MariaDB's duplicate
 * entry), so what leaves the store carries only the exception type, SQLState and vendor code: a
 * scrubbed copy of each {@link SQLException} in the chain, with its stack trace.
 */
final class SqlFailures {
    private SqlFailures() {
    }

    static StoreFailure failure(Status status, String what, SQLException e) {
        return new StoreFailure(status, "JDBC store: " + what + " failed (" + codes(e) + ")", scrub(e));
    }

    static Status status(ErrorKind kind) {
        switch (kind) {
            case TRANSIENT:
                return Status.TRANSIENT;
            case AMBIGUOUS:
                return Status.AMBIGUOUS;
            default:
                return Status.FATAL;
        }
    }

    /** {@code PSQLException SQLState 23514, vendor code 0}. */
    static String codes(SQLException e) {
        return e.getClass().getSimpleName() + " SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode();
    }

    /** A copy without the message; I/O causes (no row data in them) are kept as they are. */
    static SQLException scrub(SQLException e) {
        SQLException copy = new SQLException(codes(e), e.getSQLState(), e.getErrorCode(), scrubCause(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static Throwable scrubCause(Throwable cause) {
        if (cause instanceof SQLException) {
            return scrub((SQLException) cause);
        }
        return cause instanceof IOException ? cause : null;
    }

    /** True if an exception in the chain (causes and chained next exceptions) has this SQLState class. */
    static boolean hasStateClass(SQLException e, String stateClass) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && state.startsWith(stateClass)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
