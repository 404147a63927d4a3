package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracknum.Durability;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;
import org.tracknum.testkit.TestRequests;

/**
 * Error classification, one test per code path, each error produced by the real database: a lock
 * held by another connection, a deadlock, a killed connection, a CHECK violation (which must not
 * pass for a taken number). Run once per backend by a small subclass.
 */
abstract class ErrorClassificationContract {
    static final String REFUSED_SLUG = "refused-slug";
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(800);

    String table;
    JdbcReservationStore store;
    Dialect dialect;

    abstract String url();

    /** SQL that kills the connection running an insert into {@code table} (null: not applicable). */
    abstract String killInsertSql(String table);

    /** Whether two connections can deadlock on inserts (not in SQLite, which has one writer). */
    boolean deadlocks() {
        return true;
    }

    @BeforeEach
    void createTableWithCheck() throws SQLException {
        table = TestDatabases.freshTable(getClass().getSimpleName().replace("ErrorsTest", ""));
        try (Connection c = DriverManager.getConnection(url())) {
            dialect = Dialect.detect(c.getMetaData(), timeouts(), Durability.STRICT);
            String ddl = dialect.createTableSql(NumberTable.named(table)).replace("customer_slug VARCHAR(255) NOT NULL",
                    "customer_slug VARCHAR(255) NOT NULL CHECK (customer_slug <> '" + REFUSED_SLUG + "')");
            List<String> rest = TableFormat.of(dialect, NumberTable.named(table)).newTableSql();
            try (Statement s = c.createStatement()) {
                s.execute(ddl);
                for (String sql : rest.subList(1, rest.size())) {
                    s.execute(sql);
                }
            }
        }
        store = JdbcReservationStore.builder().url(url()).table(table).createTable(false)
                .lockTimeout(LOCK_TIMEOUT).socketTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void dropTable() {
        if (store != null) {
            store.close();
        }
        TestDatabases.drop(url(), table);
    }

    static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), LOCK_TIMEOUT);
    }

    static Reservation reservation(String number, ShipmentRequest request) {
        return new Reservation(UUID.randomUUID(), number, request, Instant.now());
    }

    static String number() {
        return "EC" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase(java.util.Locale.ROOT);
    }

    static Reservation reservation(String number) {
        return reservation(number, TestRequests.unique());
    }

    /** A raw connection in manual-commit mode that has inserted {@code r} and holds its row lock. */
    Connection holdRow(Reservation r) throws SQLException {
        Connection c = DriverManager.getConnection(url());
        c.setAutoCommit(false);
        insertRaw(c, r);
        return c;
    }

    void insertRaw(Connection c, Reservation r) throws SQLException {
        dialect.insert(c, NumberTable.named(table), List.<String[]>of(NumberTable.values(r)),
                dialect.insertSql(NumberTable.named(table), 1));
    }

    /**
     * A unique index a DBA added is not "number taken": that used to loop through fresh candidates
     * until NumberSpaceExhaustedException. It fails its own row only, fatally, naming the index.
     */
    @Test
    void aUniqueIndexOfSomeoneElseIsFatalNamingItNotACollision() throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX " + table + "_dba ON " + table + " (customer_id)");
        }
        UUID customer = UUID.randomUUID();
        ShipmentRequest first = withCustomer(customer);
        Reservation stored = reservation(number(), first);
        assertThat(store.reserve(List.of(stored))).extracting(ReservationOutcome::status)
                .containsExactly(Status.RESERVED);

        Reservation before = reservation(number());
        Reservation clash = reservation(number(), withCustomer(customer));
        Reservation after = reservation(number());
        List<ReservationOutcome> outcomes = store.reserve(List.of(before, clash, after));

        assertThat(outcomes).extracting(ReservationOutcome::status)
                .containsExactly(Status.RESERVED, Status.FATAL, Status.RESERVED);
        Throwable cause = outcomes.get(1).cause();
        assertThat(cause.getMessage()).containsIgnoringCase(dialect.name().equals("SQLite") ? "customer_id"
                : table + "_dba").contains("not Tracknum's");
        for (Throwable t = cause; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("Secret Customer Name")
                    .doesNotContain("dba-unique-slug");
        }
        assertThat(store.reserve(List.of(reservation(number(), withCustomer(customer)))))
                .extracting(ReservationOutcome::status).containsExactly(Status.FATAL);
    }

    private static ShipmentRequest withCustomer(UUID customer) {
        return new ShipmentRequest("MY", "ID", new java.math.BigDecimal("1.5"),
                java.time.OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), customer,
                "Secret Customer Name", "dba-unique-slug");
    }

    @Test
    void checkViolationFailsOnlyItsOwnRowAndIsNotACollision() {
        ShipmentRequest refused = new ShipmentRequest("MY", "ID", new java.math.BigDecimal("1.5"),
                java.time.OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(),
                "Secret Customer Name", REFUSED_SLUG);
        Reservation before = reservation(number());
        Reservation bad = reservation(number(), refused);
        Reservation after = reservation(number());

        List<ReservationOutcome> outcomes = store.reserve(List.of(before, bad, after));

        assertThat(outcomes).extracting(ReservationOutcome::status)
                .containsExactly(Status.RESERVED, Status.FATAL, Status.RESERVED);
        Throwable cause = outcomes.get(1).cause();
        assertThat(cause.getMessage()).contains("SQLState").doesNotContain("Secret Customer Name")
                .doesNotContain(REFUSED_SLUG);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("Secret Customer Name");
        }
        assertThat(store.find(before.trackingNumber())).isPresent();
        assertThat(store.find(bad.trackingNumber())).isEmpty();
        assertThat(store.find(after.trackingNumber())).isPresent();
        // and alone, through the single-row path
        assertThat(store.reserve(List.of(reservation(number(), refused))))
                .extracting(ReservationOutcome::status).containsExactly(Status.FATAL);
    }

    @Test
    void rowLockHeldByAnotherConnectionIsTransient() throws Exception {
        Reservation held = reservation(number());
        try (Connection other = holdRow(held)) {
            Reservation contender = reservation(held.trackingNumber());
            assertThatThrownBy(() -> store.reserve(List.of(contender)))
                    .isInstanceOfSatisfying(StoreFailure.class, f -> assertThat(f.status()).isEqualTo(Status.TRANSIENT));
            other.rollback();
        }
        Reservation retry = reservation(held.trackingNumber());
        assertThat(store.reserve(List.of(retry))).extracting(ReservationOutcome::status).containsExactly(Status.RESERVED);
    }

    @Test
    void deadlockIsTransient() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(deadlocks(), "one writer at a time: no deadlock");
        Reservation x = reservation(number());
        Reservation y = reservation(number());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = holdRow(x); Connection b = holdRow(y)) {
            setLockTimeout(a);
            setLockTimeout(b);
            Future<SQLException> aWaits = pool.submit(() -> failureOf(() -> insertRaw(a, reservation(y.trackingNumber()))));
            Thread.sleep(300);
            SQLException bFailure = failureOf(() -> insertRaw(b, reservation(x.trackingNumber())));
            SQLException aFailure = aWaits.get(30, TimeUnit.SECONDS);
            SQLException deadlock = bFailure != null ? bFailure : aFailure;
            assertThat((Object) deadlock).as("one side of the deadlock fails").isNotNull();
            System.out.println(getClass().getSimpleName() + " deadlock: " + SqlFailures.codes(deadlock));
            assertThat(dialect.classify(deadlock)).isEqualTo(ErrorKind.TRANSIENT);
            a.rollback();
            b.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectionKilledDuringInsertIsAmbiguousAndVerifiedAsNotOurs() throws Exception {
        String kill = killInsertSql(table);
        org.junit.jupiter.api.Assumptions.assumeTrue(kill != null, "embedded database: no connection to kill");
        store.close();
        store = JdbcReservationStore.builder().url(url()).table(table).createTable(false)
                .lockTimeout(Duration.ofSeconds(8)).socketTimeout(Duration.ofSeconds(10)).build();
        Reservation held = reservation(number());
        try (Connection other = holdRow(held); Connection killer = DriverManager.getConnection(url())) {
            Reservation contender = reservation(held.trackingNumber());
            CompletableFuture<StoreFailure> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    store.reserve(List.of(contender));
                    return null;
                } catch (StoreFailure f) {
                    return f;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            int killed = 0;
            while (killed == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                killed = kill(killer, kill);
            }
            assertThat(killed > 0).as("the store's blocked insert was found and killed").isTrue();
            StoreFailure failure = blocked.get(20, TimeUnit.SECONDS);
            assertThat(failure).as("the insert failed").isNotNull();
            System.out.println(getClass().getSimpleName() + " killed: " + failure.getMessage());
            assertThat(failure.status()).isEqualTo(Status.AMBIGUOUS);
            other.rollback();
            assertThat(store.verify(List.of(contender))).extracting(ReservationOutcome::status)
                    .containsExactly(Status.TAKEN);
        }
    }

    /** Runs the kill statement; returns how many connections it killed. */
    int kill(Connection killer, String sql) throws SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (Statement s = killer.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        for (long id : ids) {
            killById(killer, id);
        }
        return ids.size();
    }

    /** Kills one connection found by {@link #killInsertSql} (PostgreSQL kills in the query itself). */
    void killById(Connection killer, long id) throws SQLException {
    }

    void setLockTimeout(Connection c) throws SQLException {
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static SQLException failureOf(SqlAction action) {
        try {
            action.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
