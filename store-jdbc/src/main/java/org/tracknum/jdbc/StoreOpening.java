package org.tracknum.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.Durability;
import org.tracknum.spi.ReservationOutcome.Status;

/**
 * What {@link JdbcReservationStore.Builder#build()} does once the settings are valid: build the
 * pool for a URL, connect once, pick the dialect, create the table if absent (and allowed), settle
 * its format version ({@link TableFormat}), check its shape and the database's durability, and
 * turn driver failures into configuration or availability errors. A pool it built is closed if
 * any of that fails.
 */
final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);

    private final NumberTable numbers;
    private final Timeouts timeouts;
    private final boolean createTable;
    private final Durability durability;

    StoreOpening(NumberTable numbers, Timeouts timeouts, boolean createTable, Durability durability) {
        this.numbers = numbers;
        this.timeouts = timeouts;
        this.createTable = createTable;
        this.durability = durability;
    }

    /** On the user's pool, which stays theirs. */
    JdbcReservationStore open(DataSource dataSource) {
        return open(dataSource, null);
    }

    /** On a HikariCP pool built from {@code url}, owned by the store. */
    JdbcReservationStore open(String url, String username, String password, int poolSize) {
        HikariDataSource pool = HikariPools.create(url, username, password, poolSize, timeouts);
        try {
            return open(pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private JdbcReservationStore open(DataSource ds, HikariDataSource pool) {
        Dialect dialect = null;
        UniqueIndexes indexes;
        try (Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            dialect = Dialect.detect(c.getMetaData(), timeouts, durability);
            dialect.prepare(c, pool != null);
            prepareTable(c, dialect);
            indexes = TableShape.check(c, dialect, numbers);
            dialect.checkDurability(c, numbers);
        } catch (SQLException e) {
            throw failure(dialect, e);
        }
        JdbcReservationStore store = new JdbcReservationStore(ds, pool, dialect, numbers, indexes, timeouts);
        LOG.debug("JDBC store ready: {} table {}, timeouts {}", dialect.name(), numbers.name(), timeouts);
        return store;
    }

    /** Creates an absent table (when allowed), then settles the format version of what is there. */
    private void prepareTable(Connection c, Dialect dialect) throws SQLException {
        TableFormat format = TableFormat.of(dialect, numbers);
        if (!TableShape.exists(c, numbers)) {
            if (!createTable) {
                throw new ConfigurationException(dialect.name() + " table " + numbers.name() + " does not exist:"
                        + " create it (DDL in the JDBC store's README) or set tracknum.jdbc.create-table=true");
            }
            format.createTable(c);
        }
        try {
            format.settle(c, createTable);
        } catch (SQLException e) {
            TableShape.check(c, dialect, numbers, false); // a table that never fitted: say what is wrong with it
            throw e;
        }
    }

    /** Login or database refused: configuration; a refused statement (permissions): configuration; else unavailable. */
    private static RuntimeException failure(Dialect dialect, SQLException e) {
        String codes = SqlFailures.codes(e);
        if (ConnectionSource.acquisitionStatus(e) == Status.FATAL) {
            return new ConfigurationException("JDBC store: the database refused the login or does not exist ("
                    + codes + "): check tracknum.jdbc.url, username and password", SqlFailures.scrub(e));
        }
        if (dialect != null && dialect.classify(e) == ErrorKind.FATAL) {
            return new ConfigurationException("JDBC store: " + dialect.name() + " refused to set up or read the"
                    + " table (" + codes + "): check the table and the user's privileges", SqlFailures.scrub(e));
        }
        return new StoreUnavailableException("JDBC store: cannot use the database (" + codes + ")",
                SqlFailures.scrub(e));
    }
}
