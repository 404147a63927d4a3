package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;

/**
 * {@code build()} waits for a database that is still starting, within the start-up budget, and
 * fails at once for a misconfiguration. The late servers are the tests' own, on free ports.
 */
class JdbcStartupTest {
    private static final Duration LONG_BUDGET = Duration.ofSeconds(60);

    private static Properties jdbc(String url, String table, Duration budget) {
        Properties p = new Properties();
        p.setProperty("tracknum.store", "jdbc");
        p.setProperty("tracknum.jdbc.url", url);
        p.setProperty("tracknum.jdbc.table", table);
        p.setProperty("tracknum.jdbc.connect-timeout", "1s");
        p.setProperty("tracknum.startup.budget", budget.toMillis() + "ms");
        return p;
    }

    private static CompletableFuture<TrackingNumberGenerator> buildInBackground(Properties properties) {
        return CompletableFuture.supplyAsync(() -> TrackingNumberGenerator.fromProperties(properties));
    }

    private static void issueOne(TrackingNumberGenerator generator) {
        ShipmentRequest request = TestRequests.unique();
        assertThat(generator.next(request).trackingNumber()).isNotBlank();
    }

    @Test
    void buildWaitsForAPostgresThatStartsLate() throws Exception {
        PostgresServer.requireAvailable();
        PostgresServer server = PostgresServer.create();
        CompletableFuture<TrackingNumberGenerator> building = null;
        try {
            server.stop();
            long start = System.nanoTime();
            building = buildInBackground(jdbc(server.url(), TestDatabases.freshTable("late"), LONG_BUDGET));
            Thread.sleep(2_000);
            assertThat(building).as("build() while PostgreSQL is down").isNotDone();
            server.start(); // after an immediate stop: crash recovery, 57P03 while it runs
            try (TrackingNumberGenerator generator = building.get(60, TimeUnit.SECONDS)) {
                issueOne(generator);
            }
            System.out.printf("PostgreSQL started after 2 s: build() returned after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            closeQuietly(building);
            server.close();
        }
    }

    @Test
    void buildWaitsForAMariaDbThatStartsLate() throws Exception {
        MariaDbServer.requireAvailable();
        MariaDbServer server = MariaDbServer.create();
        CompletableFuture<TrackingNumberGenerator> building = null;
        try {
            server.killNine();
            long start = System.nanoTime();
            building = buildInBackground(jdbc(server.url(), TestDatabases.freshTable("late"), LONG_BUDGET));
            Thread.sleep(2_000);
            assertThat(building).as("build() while MariaDB is down").isNotDone();
            server.start();
            try (TrackingNumberGenerator generator = building.get(60, TimeUnit.SECONDS)) {
                issueOne(generator);
            }
            System.out.printf("MariaDB started after 2 s: build() returned after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            closeQuietly(building);
            server.close();
        }
    }

    @Test
    void theStoreBuilderWaitsToo() throws Exception {
        PostgresServer.requireAvailable();
        PostgresServer server = PostgresServer.create();
        CompletableFuture<JdbcReservationStore> building = null;
        try {
            server.stop();
            building = CompletableFuture.supplyAsync(() -> JdbcReservationStore.builder().url(server.url())
                    .table(TestDatabases.freshTable("late")).connectTimeout(Duration.ofSeconds(1))
                    .startupBudget(LONG_BUDGET).build());
            Thread.sleep(1_000);
            assertThat(building).isNotDone();
            server.start();
            try (JdbcReservationStore store = building.get(60, TimeUnit.SECONDS)) {
                store.ping();
            }
        } finally {
            if (building != null) {
                building.thenAccept(JdbcReservationStore::close);
            }
            server.close();
        }
    }

    @Test
    void afterTheBudgetItNamesWhatItWaitedFor() throws Exception {
        int port = LocalProcesses.freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(jdbc("jdbc:postgresql://127.0.0.1:" + port
                + "/db?user=app&password=never-shown-pw", "tn_budget", Duration.ofMillis(1500))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("connection refused")
                .hasMessageContaining("waited")
                .hasMessageContaining("PostgreSQL at 127.0.0.1:" + port + " to become available")
                .hasMessageContaining("tracknum.startup.budget")
                .hasMessageNotContaining("never-shown-pw");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aWrongPasswordFailsAtOnce() {
        TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
        assertFailsAtOnce(TestDatabases.MARIADB_URL + "&password=wrong-pw-7Q", "refused the login");
    }

    @Test
    void anUnknownDatabaseFailsAtOnce() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
        TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
        assertFailsAtOnce(TestDatabases.POSTGRES_URL.replaceFirst("/test\\?", "/no_such_db_tn?"), "does not exist");
        assertFailsAtOnce(TestDatabases.MARIADB_URL.replaceFirst("/test\\?", "/no_such_db_tn?"), "does not exist");
    }

    @Test
    void anUnknownHostFailsAtOnce() {
        assertFailsAtOnce("jdbc:postgresql://no-such-host.invalid:5432/test?user=postgres", "unknown host");
        assertFailsAtOnce("jdbc:mariadb://no-such-host.invalid:3306/test?user=root", "unknown host");
    }

    @Test
    void aRefusedDurabilitySettingFailsAtOnce() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
        assertFailsAtOnce(TestDatabases.POSTGRES_URL + "&options=-c%20synchronous_commit%3Doff", "synchronous_commit=off");
    }

    private static void assertFailsAtOnce(String url, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(jdbc(url, TestDatabases.freshTable("misc"),
                LONG_BUDGET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("wrong-pw-7Q");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("a misconfiguration fails well within the %s start-up budget", LONG_BUDGET)
                .isLessThan(Duration.ofSeconds(15));
    }

    private static void closeQuietly(CompletableFuture<TrackingNumberGenerator> building) {
        if (building != null) {
            building.thenAccept(TrackingNumberGenerator::close);
        }
    }
}
