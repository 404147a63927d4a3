package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.RetryPolicy;
import org.tracknum.testkit.FailoverRun;

/**
 * kill -9 of a MariaDB of the test's own mid-run, then restart: the case where the driver was
 * seen reporting an insert as failed that had in fact committed. Checked with the history checker
 * (and the generator must issue again after the restart without being rebuilt); then keyed
 * issuance through two generators ({@link KeyedFaultRun}) through another kill -9, checked with the
 * kit's KeyedHistory; then the durability check refuses the same server with
 * innodb_flush_log_at_trx_commit=2.
 */
class MariaDbFaultTest {

    @Test
    void killNineMidRun() throws Exception {
        MariaDbServer.requireAvailable();
        try (MariaDbServer server = MariaDbServer.create()) {
            JdbcReservationStore store = JdbcReservationStore.builder().url(server.url())
                    .table(TestDatabases.freshTable("mdbfault")).connectTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2)).lockTimeout(Duration.ofMillis(1000)).build();
            try {
                FailoverRun run = new FailoverRun("MariaDB kill -9 + restart");
                run.run(store, RetryPolicy.defaults(), r -> {
                    Thread.sleep(2500);
                    server.killNine();
                    r.faulted();
                    Thread.sleep(500);
                    server.start();
                    r.event("restarted");
                }, Duration.ofSeconds(2));
                FailoverRun.Figures s = run.check(store);
                assertThat(s.acknowledged()).isPositive();
            } finally {
                store.close();
            }
            // Keyed issuance through two generators on the same server, killed again mid-run.
            try (JdbcReservationStore keyed = JdbcReservationStore.builder().url(server.url())
                    .table(TestDatabases.freshTable("mdbkeyfault")).connectTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2)).lockTimeout(Duration.ofMillis(1000)).build()) {
                KeyedFaultRun run = new KeyedFaultRun();
                run.run(keyed, Duration.ofSeconds(2), () -> {
                    Thread.sleep(2500);
                    server.killNine();
                    Thread.sleep(500);
                    server.start();
                });
                run.check(keyed, "MariaDB kill -9 + restart");
            }
            // The same instance, configured to lose commits: refused by default, naming the setting.
            TestDatabases.execute(server.url(), "SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            assertThatThrownBy(() -> JdbcReservationStore.builder().url(server.url()).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("innodb_flush_log_at_trx_commit=2")
                    .hasMessageContaining("tracknum.jdbc.durability=relaxed");
        }
    }
}
