package org.tracknum.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.StoreUnavailableException;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.SettingNames;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreFailure;

/**
 * Claims tracking numbers with unique INSERTs into one table of PostgreSQL, MariaDB/MySQL, H2 or
 * SQLite. The primary key on {@code tracking_number} makes numbers unique; each row holds the
 * request, the issue time and the per-attempt {@code reservation_id}, by which an ambiguous write
 * (connection lost during the insert) is later shown to be ours or not. A reservation's idempotency
 * key goes in {@code idempotency_key}; a unique index on {@code (customer_id, idempotency_key)}
 * (format version 2) lets a key name at most one number per customer, and a key already stored is
 * reported {@code KEY_HELD} with its stored number.
 *
 * <p>A batch from the generator is written in one statement, one round trip and one transaction,
 * with rows sorted by number; a row the database refuses fails only its own reservation. Every
 * call is bounded by the connect, socket and lock timeouts. {@link Builder#build()} connects once,
 * picks the dialect from the database's metadata, creates the table if absent (unless told not
 * to), checks its format version and shape and checks that the database keeps commits
 * ({@link Durability}). The table's format is a compatibility contract (docs/jdbc.md).
 *
 * <pre>{@code
 * ReservationStore store = JdbcReservationStore.builder()
 *         .url("jdbc:postgresql://db:5432/app").username("app").password(secret)
 *         .build();
 * }</pre>
 *
 * Selected by configuration with {@code tracknum.store=jdbc} and the {@code tracknum.jdbc.*} keys
 * (see {@link JdbcReservationStoreProvider}). Thread-safe.
 */
public final class JdbcReservationStore implements ReservationStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReservationStore.class);


    private final HikariDataSource ownPool;
    private final Dialect dialect;
    private final NumberTable table;
    private final ConnectionSource connections;
    private final BatchInsert inserts;
    private final KeyReads keys;
    private final int pingSeconds;
    private final FailoverProtection failover;
    private volatile boolean closed;

    JdbcReservationStore(DataSource dataSource, HikariDataSource ownPool, Dialect dialect, NumberTable table,
                         UniqueIndexes indexes, Timeouts timeouts) {
        this.ownPool = ownPool;
        this.dialect = dialect;
        this.table = table;
        this.connections = new ConnectionSource(dataSource, ownPool != null, dialect);
        this.inserts = new BatchInsert(connections, dialect, table, indexes);
        this.keys = new KeyReads(dialect, table);
        this.pingSeconds = Timeouts.seconds(timeouts.socket());
        this.failover = dialect.failover;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        checkOpen();
        return inserts.reserve(batch);
    }

    /**
     * Reads back who holds each number: ours if its {@code reservation_id} is ours (for a keyed
     * reservation the key was written in the same row, so it names it), else, for a keyed
     * reservation whose key names another stored number, {@code KEY_HELD} with that number, else taken.
     */
    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        checkOpen();
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(reservations.stream()
                .map(Reservation::trackingNumber).toList()));
        Map<String, UUID> holders = new HashMap<>();
        Map<KeyReads.Key, IssuedTrackingNumber> held = Map.of();
        try (ConnectionSource.Lease lease = connections.borrow("verify")) {
            try (PreparedStatement ps = lease.connection.prepareStatement(table.ownersSql(numbers.size()))) {
                for (int i = 0; i < numbers.size(); i++) {
                    ps.setString(i + 1, numbers.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        holders.put(rs.getString(1), UUID.fromString(rs.getString(2).strip()));
                    }
                }
            }
            List<KeyReads.Key> unsettled = reservations.stream()
                    .filter(r -> r.hasIdempotencyKey() && !r.reservationId().equals(holders.get(r.trackingNumber())))
                    .map(JdbcReservationStore::key).toList();
            if (!unsettled.isEmpty()) {
                held = keys.find(lease.connection, unsettled);
            }
        } catch (SQLException e) {
            throw readFailure("verify", e);
        }
        List<ReservationOutcome> outcomes = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            IssuedTrackingNumber existing = r.hasIdempotencyKey() ? held.get(key(r)) : null;
            if (r.reservationId().equals(holders.get(r.trackingNumber()))) {
                outcomes.add(ReservationOutcome.RESERVED);
            } else {
                outcomes.add(existing != null ? ReservationOutcome.keyHeld(existing) : ReservationOutcome.TAKEN);
            }
        }
        return outcomes;
    }

    private static KeyReads.Key key(Reservation r) {
        return new KeyReads.Key(r.request().customerId(), r.idempotencyKey());
    }

    /** True: keys live in the {@code idempotency_key} column under a unique index with {@code customer_id}. */
    @Override
    public boolean supportsIdempotencyKeys() {
        return true;
    }

    /** One lookup through the unique index on {@code (customer_id, idempotency_key)}. */
    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        checkOpen();
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        try (ConnectionSource.Lease lease = connections.borrow("find by idempotency key")) {
            return Optional.ofNullable(keys.find(lease.connection, new KeyReads.Key(customerId, idempotencyKey)));
        } catch (SQLException e) {
            throw readFailure("find by idempotency key", e);
        }
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        checkOpen();
        try (ConnectionSource.Lease lease = connections.borrow("find");
             PreparedStatement ps = lease.connection.prepareStatement(table.findSql())) {
            ps.setString(1, trackingNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(table.read(rs, trackingNumber)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw readFailure("find", e);
        }
    }

    /** A read has no side effect: anything but a fatal error is worth retrying. */
    private StoreFailure readFailure(String what, SQLException e) {
        ErrorKind kind = dialect.classify(e);
        return SqlFailures.failure(kind == ErrorKind.FATAL ? Status.FATAL : Status.TRANSIENT, what, e);
    }

    @Override
    public void ping() {
        checkOpen();
        try (ConnectionSource.Lease lease = connections.borrow("ping")) {
            if (!lease.connection.isValid(pingSeconds)) {
                throw new StoreFailure(Status.TRANSIENT, "JDBC store: " + dialect.name() + " connection is not valid",
                        null);
            }
        } catch (SQLException e) {
            throw SqlFailures.failure(Status.TRANSIENT, "ping", e);
        }
    }

    @Override
    public String describe() {
        return "jdbc " + dialect.name() + " table " + table.name() + failover.describeSuffix();
    }

    /** Closes the HikariCP pool if the store built it; a {@code DataSource} passed in stays open. */
    @Override
    public void close() {
        closed = true;
        if (ownPool != null) {
            ownPool.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreFailure(Status.FATAL, "JDBC store " + table.name() + " is closed", null);
        }
    }

    @Override
    public String toString() {
        return "JdbcReservationStore[" + describe() + "]";
    }

    /**
     * Builds a store from either a {@link DataSource} or a JDBC URL (a HikariCP pool is then created
     * and owned by the store). Validates everything in {@link #build()}.
     */
    public static final class Builder {
        static final String URL_KEY = "tracknum.jdbc.url";
        static final String USERNAME_KEY = "tracknum.jdbc.username";
        static final String PASSWORD_KEY = "tracknum.jdbc.password";
        static final String TABLE_KEY = "tracknum.jdbc.table";
        static final String POOL_SIZE_KEY = "tracknum.jdbc.pool-size";
        static final String CREATE_TABLE_KEY = "tracknum.jdbc.create-table";
        static final String DURABILITY_KEY = "tracknum.jdbc.durability";
        static final String CONNECT_TIMEOUT_KEY = "tracknum.jdbc.connect-timeout";
        static final String SOCKET_TIMEOUT_KEY = "tracknum.jdbc.socket-timeout";
        static final String LOCK_TIMEOUT_KEY = "tracknum.jdbc.lock-timeout";

        static final String DEFAULT_TABLE = "tracknum_numbers";
        static final int DEFAULT_POOL_SIZE = 8;
        static final int MAX_POOL_SIZE = 1000;
        static final boolean DEFAULT_CREATE_TABLE = true;
        static final Durability DEFAULT_DURABILITY = Durability.STRICT;
        static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
        static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(500);
        static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);
        static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
        static final Duration MIN_SOCKET_TIMEOUT = Duration.ofMillis(500);
        static final Duration MAX_SOCKET_TIMEOUT = Duration.ofHours(1);
        static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
        static final Duration MIN_LOCK_TIMEOUT = Duration.ofMillis(1);
        static final Duration MAX_LOCK_TIMEOUT = Duration.ofHours(1);

        private DataSource dataSource;
        private String url;
        private String username;
        private String password;
        private Integer poolSize;
        private String table = DEFAULT_TABLE;
        private boolean createTable = DEFAULT_CREATE_TABLE;
        private Durability durability = DEFAULT_DURABILITY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration startupBudget = StartupWait.DEFAULT_BUDGET;
        private SettingNames names = SettingNames.METHODS;

        private Builder() {
        }

        /** Messages name the {@code tracknum.jdbc.*} keys only, rather than the methods and their keys. */
        Builder fromConfiguration() {
            this.names = SettingNames.KEYS;
            return this;
        }

        /**
         * The user's connection pool; it stays open when the store closes. Its connections get the
         * socket timeout through {@link Connection#setNetworkTimeout}; configure its connect and
         * lock timeouts yourself (see the README).
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:}, {@code jdbc:h2:}, {@code jdbc:sqlite:}). */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Connections of the pool built from the URL, 1 to 1000 (default 8: the generator's lanes (2 by default), verify and find). */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Table name, matching {@code ^[A-Za-z_][A-Za-z0-9_]{0,57}$}, at most 58 characters so that {@code <table>_meta} fits PostgreSQL's 63 (default {@code tracknum_numbers}). */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Create the table if it is absent (default true); off when DBAs create it themselves. */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /** What the database's durability settings must promise (default {@link Durability#STRICT}). */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** Bound on getting a connection, including opening one (default 3 s, 500 ms to 10 min). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Bound on waiting for any reply of the database (default 5 s, 500 ms to 1 h). */
        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = Objects.requireNonNull(socketTimeout, "socketTimeout");
            return this;
        }

        /** Bound on waiting for a row lock, below the socket timeout (default 2 s, at least 1 ms). */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
            return this;
        }

        /**
         * How long {@link #build()} waits for a database that is still starting (connection
         * refused, PostgreSQL starting up or in recovery, MariaDB not yet accepting connections):
         * 0 (one attempt) to 1 h, default 30 s ({@link StartupWait}). With configuration it is the
         * generator's {@code tracknum.startup.budget}.
         */
        public Builder startupBudget(Duration startupBudget) {
            this.startupBudget = Objects.requireNonNull(startupBudget, "startupBudget");
            return this;
        }

        /**
         * Connects, picks the dialect, creates or checks the table and checks durability, waiting
         * up to the {@link #startupBudget start-up budget} while the database is not up yet.
         *
         * @throws ConfigurationException   for bad settings, an unsupported database, a table that
         *                                  does not fit, or a database that loses commits (strict mode)
         * @throws StoreUnavailableException when the database cannot be reached within the
         *                                   start-up budget, or the thread is interrupted while waiting
         */
        public JdbcReservationStore build() {
            NumberTable numbers = NumberTable.named(table);
            Timeouts timeouts = timeouts();
            if (dataSource == null && url == null && names == SettingNames.KEYS) {
                throw new ConfigurationException("missing configuration " + URL_KEY + ": set it to a JDBC URL such as"
                        + " jdbc:postgresql://host:5432/db (or give the configuration a DataSource resource)");
            }
            if ((dataSource == null) == (url == null)) {
                throw new ConfigurationException("JDBC store: give either a DataSource or a URL (" + URL_KEY + "),"
                        + " not " + (dataSource == null ? "neither" : "both"));
            }
            if (dataSource != null && (username != null || password != null || poolSize != null)) {
                throw new ConfigurationException("JDBC store: username, password and pool size apply to a URL;"
                        + " configure them on your DataSource");
            }
            if (url != null && !url.startsWith("jdbc:")) {
                throw new ConfigurationException(URL_KEY + " must be a JDBC URL starting with jdbc:");
            }
            int size = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
            if (size < 1 || size > MAX_POOL_SIZE) {
                throw new ConfigurationException("JDBC pool size (" + label(POOL_SIZE_KEY, "poolSize")
                        + ") out of range [1, " + MAX_POOL_SIZE + "]: " + size);
            }
            StartupWait wait = new StartupWait(StartupWait.checkBudget(startupBudget, names, "startupBudget"));
            StoreOpening opening = new StoreOpening(numbers, timeouts, createTable, durability, wait);
            return url == null ? opening.open(dataSource) : opening.open(url, username, password, size);
        }

        /** From configuration the key; from code the method and, for reference, the key. */
        private String label(String key, String method) {
            return names == SettingNames.KEYS ? key : method + "(..), " + key;
        }

        private Timeouts timeouts() {
            check("connect timeout (" + label(CONNECT_TIMEOUT_KEY, "connectTimeout") + ")", connectTimeout,
                    MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT);
            check("socket timeout (" + label(SOCKET_TIMEOUT_KEY, "socketTimeout") + ")", socketTimeout,
                    MIN_SOCKET_TIMEOUT, MAX_SOCKET_TIMEOUT);
            check("lock timeout (" + label(LOCK_TIMEOUT_KEY, "lockTimeout") + ")", lockTimeout, MIN_LOCK_TIMEOUT,
                    MAX_LOCK_TIMEOUT);
            if (lockTimeout.compareTo(socketTimeout) >= 0) {
                throw new ConfigurationException("JDBC lock timeout (" + label(LOCK_TIMEOUT_KEY, "lockTimeout") + ", "
                        + lockTimeout.toMillis() + " ms) must be shorter than the socket timeout ("
                        + label(SOCKET_TIMEOUT_KEY, "socketTimeout") + ", " + socketTimeout.toMillis()
                        + " ms), or a lock wait ends as a lost connection");
            }
            return new Timeouts(connectTimeout, socketTimeout, lockTimeout);
        }

        private static void check(String what, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new ConfigurationException("JDBC " + what + " out of range [" + min.toMillis() + " ms, "
                        + max.toMillis() + " ms]: " + value.toMillis() + " ms");
            }
        }
    }
}
