package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;
import org.tracknum.testkit.TestRequests;

/**
 * Keyed issuance while the test's own PostgreSQL is killed with {@code kill -9} and restarted: 8
 * threads each work through their keys in batches of 4 reservations, retrying every key until it
 * is settled (RESERVED, or KEY_HELD with the request it was stored with), as a caller with an
 * idempotency key would: a lost or ambiguous write is followed by a fresh reservation with a new
 * number and the same key, never trusted blindly. Afterwards every key names exactly one stored
 * number, the one its caller was given, and no number was given for two keys.
 *
 * <p>These runs work at store level (reserve/verify), which shows the store's own answers
 * (ambiguous writes, {@code KEY_HELD} after a committed ambiguous write). The same faults are also
 * run through the generator ({@link KeyedFaultRun}, checked with the kit's {@code KeyedHistory}):
 * two generators, keyed {@code next} and keyed {@code nextAll} racing on the same keys.
 */
class PostgresKeyedFaultTest {
    private static final int THREADS = 8;
    private static final int BATCH = 4;
    private static final Duration PER_KEY = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.requireAvailable();
        server = PostgresServer.create();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private final Map<String, IssuedTrackingNumber> given = new ConcurrentHashMap<>();
    private final Map<String, ShipmentRequest> requests = new ConcurrentHashMap<>();
    private final AtomicInteger ambiguous = new AtomicInteger();
    private final AtomicInteger keyHeld = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    @Test
    void everyKeyHasExactlyOneStoredNumberAfterKillNineAndRestart() throws Exception {
        run("PostgreSQL kill -9 + restart", () -> {
            Thread.sleep(2000);
            server.killNine();
            Thread.sleep(1000);
            server.start();
            Thread.sleep(2000);
        });
    }

    @Test
    void everyKeyHasExactlyOneStoredNumberThroughATerminateBackendStorm() throws Exception {
        run("PostgreSQL pg_terminate_backend storm 3 s", () -> {
            Thread.sleep(1000);
            terminateBackendsFor(Duration.ofSeconds(3));
            Thread.sleep(1500);
        });
    }

    @Test
    void throughTheGeneratorEveryKeyHasExactlyOneStoredNumberAfterKillNineAndRestart() throws Exception {
        runThroughGenerators("PostgreSQL kill -9 + restart", () -> {
            Thread.sleep(2000);
            server.killNine();
            Thread.sleep(1000);
            server.start();
        });
    }

    @Test
    void throughTheGeneratorEveryKeyHasExactlyOneStoredNumberThroughATerminateBackendStorm() throws Exception {
        runThroughGenerators("PostgreSQL pg_terminate_backend storm 3 s", () -> {
            Thread.sleep(1000);
            terminateBackendsFor(Duration.ofSeconds(3));
        });
    }

    private void runThroughGenerators(String name, FaultRun.Faults faults) throws Exception {
        String table = TestDatabases.freshTable("pgkeygen");
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(server.url()).table(table)
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2))
                .lockTimeout(Duration.ofMillis(500)).build()) {
            KeyedFaultRun run = new KeyedFaultRun();
            run.run(store, Duration.ofSeconds(2), faults);
            run.check(store, name);
            assertThat(duplicateKeys(table)).as("keys stored twice").isZero();
        }
    }

    private static void terminateBackendsFor(Duration storm) throws Exception {
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
            long end = System.nanoTime() + storm.toNanos();
            while (System.nanoTime() < end) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'");
                Thread.sleep(30);
            }
        }
    }

    /** (customer, key) pairs with more than one row: the unique index must keep this at zero. */
    private static int duplicateKeys(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT customer_id, idempotency_key FROM " + table
                     + " WHERE idempotency_key IS NOT NULL GROUP BY customer_id, idempotency_key"
                     + " HAVING COUNT(*) > 1) AS twice")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void run(String name, FaultRun.Faults faults) throws Exception {
        String table = TestDatabases.freshTable("pgkeyfault");
        UUID customer = UUID.randomUUID(); // one customer for all keys: they share the index's prefix
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(server.url()).table(table)
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2))
                .lockTimeout(Duration.ofMillis(500)).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> work(store, customer, thread, stop)));
                }
                try {
                    faults.inject();
                } finally {
                    stop.set(true);
                }
                for (Future<Integer> f : workers) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            check(store, table, customer, name);
        }
    }

    /** Works through keys {@code t<thread>-<n>}, a batch at a time, until told to stop; returns keys settled. */
    private int work(JdbcReservationStore store, UUID customer, int thread, AtomicBoolean stop) {
        int n = 0;
        while (!stop.get()) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String key = "t" + thread + "-" + n++;
                keys.add(key);
                ShipmentRequest base = TestRequests.unique();
                requests.put(key, new ShipmentRequest(base.originCountryId(), base.destinationCountryId(),
                        base.weightKg(), base.createdAt(), customer, base.customerName(), base.customerSlug()));
            }
            settle(store, keys);
        }
        return n;
    }

    /** Retries the keys until each is settled, as a caller with idempotency keys does. */
    private void settle(JdbcReservationStore store, List<String> keys) {
        List<String> open = new ArrayList<>(keys);
        long deadline = System.nanoTime() + PER_KEY.toNanos();
        while (!open.isEmpty()) {
            assertThat(System.nanoTime() < deadline).as("keys settled within " + PER_KEY).isTrue();
            List<Reservation> batch = new ArrayList<>();
            for (String key : open) {
                batch.add(new Reservation(UUID.randomUUID(), number(), requests.get(key), Instant.now(), key));
            }
            List<ReservationOutcome> outcomes = reserve(store, batch);
            List<Reservation> unsure = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i).status() == Status.AMBIGUOUS) {
                    ambiguous.incrementAndGet();
                    unsure.add(batch.get(i));
                } else {
                    accept(batch.get(i), outcomes.get(i), open);
                }
            }
            if (!unsure.isEmpty()) {
                List<ReservationOutcome> verified = verify(store, unsure);
                for (int i = 0; i < unsure.size(); i++) {
                    accept(unsure.get(i), verified.get(i), open);
                }
            }
            if (!open.isEmpty()) {
                pause();
            }
        }
    }

    private void accept(Reservation r, ReservationOutcome outcome, List<String> open) {
        String key = r.idempotencyKey();
        switch (outcome.status()) {
            case RESERVED:
                settled(key, r.toIssued(), open);
                break;
            case KEY_HELD:
                keyHeld.incrementAndGet();
                assertThat(outcome.existing().request()).as("the key's stored request").isEqualTo(r.request());
                settled(key, outcome.existing(), open);
                break;
            case FATAL:
                throw new AssertionError("fatal outcome for key " + key, outcome.cause());
            default:
                failures.incrementAndGet(); // TAKEN, TRANSIENT, unverifiable: try again with a fresh number
        }
    }

    private void settled(String key, IssuedTrackingNumber issued, List<String> open) {
        IssuedTrackingNumber before = given.putIfAbsent(key, issued);
        assertThat(before == null || before.equals(issued)).as("key " + key + " given one number").isTrue();
        open.remove(key);
    }

    private static List<ReservationOutcome> reserve(JdbcReservationStore store, List<Reservation> batch) {
        try {
            return store.reserve(batch);
        } catch (StoreFailure f) {
            return batch.stream().map(r -> ReservationOutcome.of(f)).toList();
        }
    }

    /** A verify that itself fails leaves the key open: the next reservation meets the key's index. */
    private static List<ReservationOutcome> verify(JdbcReservationStore store, List<Reservation> unsure) {
        try {
            return store.verify(unsure);
        } catch (StoreFailure f) {
            return unsure.stream().map(r -> ReservationOutcome.transientFailure(f)).toList();
        }
    }

    private void check(JdbcReservationStore store, String table, UUID customer, String name) throws Exception {
        Set<String> numbers = new HashSet<>();
        for (Map.Entry<String, IssuedTrackingNumber> e : given.entrySet()) {
            assertThat(numbers.add(e.getValue().trackingNumber())).as("number given for two keys").isTrue();
            assertThat(findByKey(store, customer, e.getKey())).as("key " + e.getKey()).contains(e.getValue());
        }
        int keyedRows;
        int duplicateKeys;
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE idempotency_key IS NOT NULL")) {
                rs.next();
                keyedRows = rs.getInt(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT customer_id, idempotency_key FROM "
                    + table + " GROUP BY customer_id, idempotency_key HAVING COUNT(*) > 1) AS twice")) {
                rs.next();
                duplicateKeys = rs.getInt(1);
            }
        }
        System.out.println("KEYED FAULT RUN " + name + ": keys=" + given.size() + " stored keyed rows="
                + keyedRows + " ambiguous=" + ambiguous + " keyHeld=" + keyHeld + " retried=" + failures
                + " keys with two numbers=" + duplicateKeys);
        assertThat(duplicateKeys).isZero();
        assertThat(keyedRows).as("every stored keyed row is a key some caller was given").isEqualTo(given.size());
        assertThat(given.size()).isGreaterThan(THREADS * BATCH);
    }

    /** The database has just restarted: retry the read briefly. */
    private static java.util.Optional<IssuedTrackingNumber> findByKey(JdbcReservationStore store, UUID customer,
                                                                     String key) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.findByIdempotencyKey(customer, key);
            } catch (StoreFailure f) {
                if (attempt == 20) {
                    throw f;
                }
                Thread.sleep(250);
            }
        }
    }

    private static String number() {
        StringBuilder s = new StringBuilder("KF");
        for (int i = 0; i < 14; i++) {
            s.append("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(RANDOM.nextInt(36)));
        }
        return s.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
