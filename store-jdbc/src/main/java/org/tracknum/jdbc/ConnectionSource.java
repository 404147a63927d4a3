package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;

/**
 * Hands out connections ready for the store: autocommit on (every statement is its own
 * transaction) and the dialect's session settings applied. A connection that cannot be had is a
 * transient failure (nothing was sent), unless the database refused the login or does not exist.
 */
final class ConnectionSource {
    private final DataSource dataSource;
    private final boolean ownPool;
    private final Dialect dialect;

    ConnectionSource(DataSource dataSource, boolean ownPool, Dialect dialect) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.dialect = dialect;
    }

    /** A prepared connection, to be closed with {@link Lease#close()}. */
    Lease borrow(String what) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlFailures.failure(acquisitionStatus(e), what + ": getting a connection", e);
        }
        try {
            boolean wasAutoCommit = c.getAutoCommit();
            if (!wasAutoCommit) {
                c.setAutoCommit(true);
            }
            dialect.prepare(c, ownPool);
            return new Lease(c, !wasAutoCommit);
        } catch (SQLException e) {
            closeQuietly(c);
            ErrorKind kind = dialect.classify(e);
            throw SqlFailures.failure(kind == ErrorKind.FATAL ? Status.FATAL : Status.TRANSIENT,
                    what + ": preparing a connection", e);
        }
    }

    /** Login refused (28xxx) or unknown database (3D000): retrying will not help. */
    static Status acquisitionStatus(SQLException e) {
        return SqlFailures.hasStateClass(e, "28") || SqlFailures.hasStateClass(e, "3D")
                ? Status.FATAL : Status.TRANSIENT;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being discarded
        }
    }

    /** A borrowed connection; closing it restores the user's autocommit setting and returns it. */
    static final class Lease implements AutoCloseable {
        final Connection connection;
        private final boolean restoreManualCommit;

        private Lease(Connection connection, boolean restoreManualCommit) {
            this.connection = connection;
            this.restoreManualCommit = restoreManualCommit;
        }

        @Override
        public void close() {
            try {
                if (restoreManualCommit && !connection.isClosed()) {
                    connection.setAutoCommit(false);
                }
            } catch (SQLException ignored) {
                // closing below discards or resets it anyway
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
