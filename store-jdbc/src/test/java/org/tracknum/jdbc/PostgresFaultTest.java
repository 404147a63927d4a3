package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracknum.RetryPolicy;
import org.tracknum.testkit.FailoverRun;
import org.tracknum.testkit.History;

/**
 * Fault runs against a PostgreSQL of the test's own: kill -9 of the postmaster and its backends
 * mid-run, {@code pg_ctl restart -m immediate}, a SIGSTOP pause longer than every timeout, a pg_terminate_backend storm. Each run is
 * checked with the history checker.
 */
class PostgresFaultTest {
    private static PostgresServer server;
    private JdbcReservationStore store;

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

    @BeforeEach
    void openStore() {
        store = JdbcReservationStore.builder().url(server.url()).table(TestDatabases.freshTable("pgfault"))
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2))
                .lockTimeout(Duration.ofMillis(500)).build();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void killNineOfPostmasterAndBackendsMidRun() throws Exception {
        FaultRun run = new FaultRun();
        run.run(store, Duration.ofSeconds(2), () -> {
            Thread.sleep(2000);
            server.killNine();
            Thread.sleep(1000);
            server.start();
        });
        History.Summary s = run.check(store, "PostgreSQL kill -9 + restart");
        assertThat(s.ok()).isPositive();
    }

    /** A restart without a shutdown checkpoint: crash recovery, 57P03 while it runs, then back. */
    @Test
    void restartImmediateMidRun() throws Exception {
        FailoverRun run = new FailoverRun("PostgreSQL pg_ctl restart -m immediate");
        run.run(store, RetryPolicy.defaults(), r -> {
            Thread.sleep(2000);
            r.faulted();
            server.restartImmediate();
            r.event("restarted");
        }, Duration.ofSeconds(2));
        run.check(store);
    }

    @Test
    void pauseLongerThanTheTimeouts() throws Exception {
        FaultRun run = new FaultRun();
        run.run(store, Duration.ofSeconds(2), () -> {
            Thread.sleep(1500);
            server.pause();
            try {
                Thread.sleep(4000);
            } finally {
                server.resume();
            }
        });
        History.Summary s = run.check(store, "PostgreSQL SIGSTOP 4 s");
        assertThat(s.ok()).isPositive();
    }

    @Test
    void terminateBackendStorm() throws Exception {
        FaultRun run = new FaultRun();
        run.run(store, Duration.ofMillis(1500), () -> {
            Thread.sleep(1000);
            try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                            + " AND backend_type = 'client backend'");
                    Thread.sleep(30);
                }
            }
        });
        History.Summary s = run.check(store, "PostgreSQL pg_terminate_backend storm 3 s");
        assertThat(s.ok()).isPositive();
    }
}
