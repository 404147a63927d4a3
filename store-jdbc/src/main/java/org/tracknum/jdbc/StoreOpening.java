package org.tracknum.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.Durability;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StartupWait;

/**
 * What {@link JdbcReservationStore.Builder#build()} does once the settings are valid: build the
 * pool for a URL, connect once, pick the dialect, create the table if absent (and allowed), settle
 * its format version ({@link TableFormat}), check its shape and the database's durability, and
 * turn driver failures into configuration or availability errors. A pool it built is closed if
 * any of that fails.
 *
 * <p>All of it runs within the start-up budget ({@link StartupWait}): a database that is not up
 * yet (connection refused, PostgreSQL {@code 57P03} starting up or recovering, a read-only
 * standby, too many connections, a lost connection) is tried again; a misconfiguration (unknown
 * host, login refused, unknown database, a refused statement, durability, table shape) fails at
 * once. For a network database configured by URL, each attempt first opens one connection with
 * the driver itself, so that a refused connection or login is reported at once rather than after
 * the pool's connect timeout.
 */
final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);

    private final NumberTable numbers;
    private final Timeouts timeouts;
    private final boolean createTable;
    private final Durability durability;
    private final StartupWait wait;

    StoreOpening(NumberTable numbers, Timeouts timeouts, boolean createTable, Durability durability,
                 StartupWait wait) {
        this.numbers = numbers;
        this.timeouts = timeouts;
        this.createTable = createTable;
        this.durability = durability;
        this.wait = wait;
    }

    /** On the user's pool, which stays theirs. */
    JdbcReservationStore open(DataSource dataSource) {
        return wait.until("the database of the DataSource", () -> open(dataSource, null));
    }

    /** On a HikariCP pool built from {@code url}, owned by the store. */
    JdbcReservationStore open(String url, String username, String password, int poolSize) {
        UrlParameters.check(url); // before any connection: a refused parameter must never reach the driver
        HikariDataSource[] pool = new HikariDataSource[1];
        try {
            return wait.until(where(url), () -> {
                if (isNetworked(url)) {
                    probe(url, username, password);
                }
                if (pool[0] == null) {
                    pool[0] = HikariPools.create(url, username, password, poolSize, timeouts);
                }
                return open(pool[0], pool[0]);
            });
        } catch (RuntimeException e) {
            if (pool[0] != null) {
                pool[0].close();
            }
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
            dialect.checkFailoverProtection(c, numbers);
        } catch (SQLException e) {
            throw failure(dialect, e);
        }
        JdbcReservationStore store = new JdbcReservationStore(ds, pool, dialect, numbers, indexes, timeouts);
        LOG.debug("JDBC store ready: {} table {}, timeouts {}", dialect.name(), numbers.name(), timeouts);
        return store;
    }

    /** One connection straight from the driver, with the pool's driver properties, closed at once. */
    private void probe(String url, String username, String password) {
        Properties properties = HikariPools.driverProperties(url, timeouts);
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try {
            Driver driver = DriverManager.getDriver(url);
            try (Connection c = driver.connect(url, properties)) {
                if (c == null) {
                    throw new ConfigurationException("the JDBC driver for " + HikariPools.scheme(url)
                            + " URLs does not accept " + JdbcReservationStore.Builder.URL_KEY);
                }
            }
        } catch (SQLException e) {
            throw failure(null, e);
        }
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
            try {
                TableShape.check(c, dialect, numbers, false); // a table that never fitted: say what is wrong with it
            } catch (SQLException unreadable) {
                // the migration's own failure (e.g. a lost connection) is the one to classify
            }
            throw e;
        }
    }

    /**
     * Unknown host, login or database refused, or a refused statement (permissions):
     * configuration, at once; anything else: unavailable, which the start-up wait tries again.
     */
    static RuntimeException failure(Dialect dialect, SQLException e) {
        String codes = SqlFailures.codes(e);
        UnknownHostException unknownHost = unknownHost(e);
        if (unknownHost != null) {
            return new ConfigurationException("JDBC store: unknown host " + unknownHost.getMessage() + " ("
                    + codes + "): check the host in tracknum.jdbc.url", SqlFailures.scrub(e));
        }
        if (ConnectionSource.acquisitionStatus(e) == Status.FATAL || unknownDatabase(e)) {
            return new ConfigurationException("JDBC store: the database refused the login or does not exist ("
                    + codes + "): check tracknum.jdbc.url, username and password", SqlFailures.scrub(e));
        }
        if (dialect != null && dialect.classify(e) == ErrorKind.FATAL) {
            return new ConfigurationException("JDBC store: " + dialect.name() + " refused to set up or read the"
                    + " table (" + codes + "): check the table and the user's privileges", SqlFailures.scrub(e));
        }
        return new StoreUnavailableException("JDBC store: cannot use the database" + reason(e) + " (" + codes + ")",
                SqlFailures.scrub(e));
    }

    /** What a transient failure at opening means, for the log of the start-up wait. */
    private static String reason(SQLException e) {
        if (SqlFailures.hasStateClass(e, "57P03")) {
            return ": it is starting up, shutting down or recovering";
        }
        if (SqlFailures.hasStateClass(e, "25006")) {
            return ": it is read-only (a standby in recovery)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return ": connection refused";
            }
        }
        return "";
    }

    private static UnknownHostException unknownHost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return (UnknownHostException) t;
            }
        }
        return null;
    }

    /** MariaDB/MySQL 1049 unknown database, 1044 access denied to the database (SQLState 42000). */
    private static boolean unknownDatabase(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                if ("42000".equals(s.getSQLState()) && (s.getErrorCode() == 1049 || s.getErrorCode() == 1044)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNetworked(String url) {
        String scheme = HikariPools.scheme(url);
        return scheme.equals("jdbc:postgresql:") || scheme.equals("jdbc:mariadb:") || scheme.equals("jdbc:mysql:");
    }

    /**
     * {@code PostgreSQL at db:5432}: the scheme and the host list, without a user, password or
     * parameters; embedded databases by their scheme only.
     */
    static String where(String url) {
        String scheme = HikariPools.scheme(url);
        String name;
        switch (scheme) {
            case "jdbc:postgresql:":
                name = "PostgreSQL";
                break;
            case "jdbc:mariadb:":
                name = "MariaDB";
                break;
            case "jdbc:mysql:":
                name = "MySQL";
                break;
            default:
                return "the " + scheme + " database";
        }
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return name;
        }
        String rest = url.substring(slashes + 2);
        int end = rest.length();
        for (char c : new char[] {'/', '?', ';'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hosts = rest.substring(0, end);
        int at = hosts.lastIndexOf('@');
        return name + " at " + (at >= 0 ? hosts.substring(at + 1) : hosts);
    }
}
