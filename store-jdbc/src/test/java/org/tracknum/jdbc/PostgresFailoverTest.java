package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tracknum.RetryPolicy;
import org.tracknum.testkit.FailoverRun;

/**
 * Failover measured on a PostgreSQL primary and a streaming-replication standby of the test's own
 * (initdb, {@code pg_basebackup -R}, both on free ports). Eight threads issue numbers through one
 * generator on a multi-host URL ({@code targetServerType=primary}); mid-run the primary's
 * postmaster and backends get {@code kill -9}, the standby is promoted ({@code pg_ctl promote})
 * half a second later, and the same generator carries on.
 *
 * <p>With {@code synchronous_standby_names} set, the history check must find nothing lost and
 * nothing issued twice. With asynchronous replication the same run is measured and printed, not
 * asserted: losses there depend on timing.
 */
class PostgresFailoverTest {
    private static final Duration BEFORE_KILL = FailoverRun.scaled(Duration.ofSeconds(3));
    private static final Duration PROMOTION_DELAY = Duration.ofMillis(500);
    private static final Duration LAG = Duration.ofSeconds(1);
    private static final Duration AFTER_PROMOTION = FailoverRun.scaled(Duration.ofSeconds(3));

    @Test
    void synchronousStandbyKeepsEveryAcknowledgedNumber() throws Exception {
        FailoverRun.Figures figures = failover("PostgreSQL synchronous standby, kill -9 + promote", true);
        assertThat(figures.acknowledged()).isPositive();
    }

    @Test
    void asynchronousStandbyIsMeasured() throws Exception {
        failover("PostgreSQL asynchronous standby, kill -9 + promote", false, false);
    }

    /**
     * The same with the standby one second behind (the primary's walsender stopped for the last
     * second before the kill, as a slow network or a busy standby would leave it): what an
     * asynchronous standby can lose, and the lost numbers being issued again.
     */
    @Test
    void asynchronousStandbyOneSecondBehindIsMeasured() throws Exception {
        failover("PostgreSQL asynchronous standby 1 s behind, kill -9 + promote", false, true);
    }

    private static FailoverRun.Figures failover(String name, boolean synchronous) throws Exception {
        return failover(name, synchronous, false);
    }

    private static FailoverRun.Figures failover(String name, boolean synchronous, boolean lagging) throws Exception {
        PostgresServer.requireAvailable();
        PostgresServer primary = synchronous ? PostgresServer.create("synchronous_standby_names='*'")
                : PostgresServer.create();
        PostgresServer standby = null;
        JdbcReservationStore store = null;
        try {
            standby = primary.standby();
            awaitReplication(primary, synchronous ? "sync" : "async");
            store = JdbcReservationStore.builder().url(multiHostUrl(primary, standby))
                    .table(TestDatabases.freshTable("pgfailover")).connectTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2)).lockTimeout(Duration.ofMillis(500)).build();
            System.out.println(name + ": store " + store.describe());
            assertThat(store.describe()).contains(synchronous
                    ? "; failover: protected (commits wait for a synchronous standby (synchronous_standby_names=*"
                    : "; failover: NOT protected (1 asynchronous standby(s)");
            FailoverRun run = new FailoverRun(name);
            PostgresServer promoted = standby;
            run.run(store, RetryPolicy.defaults(), r -> {
                Thread.sleep(BEFORE_KILL.toMillis());
                if (lagging) {
                    LocalProcesses.signal("STOP", java.util.List.of(primary.walSenderPid()));
                    Thread.sleep(LAG.toMillis());
                }
                primary.killNine();
                r.faulted();
                Thread.sleep(PROMOTION_DELAY.toMillis());
                promoted.promote();
                r.event("promoted");
            }, AFTER_PROMOTION);
            return synchronous ? run.check(store) : run.measure(store);
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                try {
                    if (standby != null) {
                        standby.close();
                    }
                } finally {
                    primary.close();
                }
            }
        }
    }

    /** Both servers; pgjdbc re-checks a host's role after a second instead of the default ten. */
    private static String multiHostUrl(PostgresServer primary, PostgresServer standby) {
        return "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                + "/postgres?user=postgres&targetServerType=primary&hostRecheckSeconds=1";
    }

    /** Waits until the primary reports its standby streaming with {@code state} ("sync" or "async"). */
    private static void awaitReplication(PostgresServer primary, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(primary.url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE state = 'streaming'")) {
                seen = rs.next() ? rs.getString(1) : null;
                if (state.equals(seen)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("standby not streaming as " + state + " after 60 s (last seen: " + seen + ")");
    }
}
