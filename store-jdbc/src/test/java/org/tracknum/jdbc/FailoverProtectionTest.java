package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracknum.jdbc.FailoverProtection.Verdict;

/**
 * The one-line failover verdict: from the settings PostgreSQL and MariaDB/MySQL show, and on the
 * local servers (which do not replicate). The verdict on a real primary with a synchronous or
 * asynchronous standby is asserted in {@link PostgresFailoverTest}.
 */
class FailoverProtectionTest {

    @Test
    void postgresWithSynchronousStandbyIsProtected() {
        FailoverProtection p = PostgresReplication.verdict("*", "on", 1, 1, 1);
        assertThat(p.verdict()).isEqualTo(Verdict.PROTECTED);
        assertThat(p.describeSuffix()).isEqualTo("; failover: protected (commits wait for a synchronous standby"
                + " (synchronous_standby_names=*, synchronous_commit=on; 1 of 1 connected standby(s) synchronous))");
        assertThat(PostgresReplication.verdict("FIRST 1 (s1, s2)", "remote_apply", 2, 0, 0).detail())
                .contains("2 standby(s) connected, sync state not visible to this user");
        assertThat(PostgresReplication.verdict("s1", "on", 0, 0, 0).detail())
                .contains("none is synchronous now, so commits wait until one is");
    }

    @Test
    void postgresWithoutSynchronousCommitOrStandbyNamesIsNotProtected() {
        assertThat(PostgresReplication.verdict("*", "local", 1, 1, 1).verdict()).isEqualTo(Verdict.NOT_PROTECTED);
        FailoverProtection async = PostgresReplication.verdict("", "on", 2, 2, 0);
        assertThat(async.verdict()).isEqualTo(Verdict.NOT_PROTECTED);
        assertThat(async.describeSuffix()).startsWith("; failover: NOT protected (2 asynchronous standby(s)");
    }

    @Test
    void postgresWithoutStandbysHasNothingToFailOverToAndDescribesAsBefore() {
        FailoverProtection alone = PostgresReplication.verdict("", "on", 0, 0, 0);
        assertThat(alone.verdict()).isEqualTo(Verdict.NO_REPLICATION);
        assertThat(alone.describeSuffix()).isEmpty();
    }

    @Test
    void mariaDbVerdicts() {
        assertThat(MariaDbReplication.verdict(Map.of("wsrep_on", "ON")).verdict()).isEqualTo(Verdict.PROTECTED);
        FailoverProtection semi = MariaDbReplication.verdict(Map.of("rpl_semi_sync_master_enabled", "ON",
                "rpl_semi_sync_master_timeout", "10000", "rpl_semi_sync_master_clients", "1", "slaves_connected", "1"));
        assertThat(semi.verdict()).isEqualTo(Verdict.PROTECTED);
        assertThat(semi.detail()).contains("falls back to asynchronous after rpl_semi_sync_master_timeout=10000 ms");
        assertThat(MariaDbReplication.verdict(Map.of("rpl_semi_sync_source_enabled", "ON",
                "rpl_semi_sync_source_timeout", "10000", "rpl_semi_sync_source_clients", "0")).verdict())
                .isEqualTo(Verdict.NOT_PROTECTED);
        assertThat(MariaDbReplication.verdict(Map.of("wsrep_on", "OFF", "slaves_connected", "2")).detail())
                .isEqualTo("2 asynchronous replica(s): a promoted one can lack acknowledged numbers");
        assertThat(MariaDbReplication.verdict(Map.of("slaves_connected", "0")).verdict())
                .isEqualTo(Verdict.NO_REPLICATION);
        assertThat(MariaDbReplication.verdict(Map.of()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void localPostgresDoesNotReplicate() throws Exception {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES_URL)) {
            assertThat(PostgresReplication.read(c).verdict()).isEqualTo(Verdict.NO_REPLICATION);
        }
    }

    @Test
    void localMariaDbDoesNotReplicate() throws Exception {
        TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
        try (Connection c = DriverManager.getConnection(TestDatabases.MARIADB_URL)) {
            assertThat(MariaDbReplication.read(c).verdict()).isEqualTo(Verdict.NO_REPLICATION);
        }
        String table = TestDatabases.freshTable("failover");
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(TestDatabases.MARIADB_URL).table(table)
                .connectTimeout(Duration.ofSeconds(3)).build()) {
            assertThat(store.describe()).isEqualTo("jdbc MariaDB table " + table);
        } finally {
            TestDatabases.drop(TestDatabases.MARIADB_URL, table);
        }
    }
}
