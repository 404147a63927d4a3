package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.History;

/**
 * kill -9 of a MariaDB of the test's own mid-run, then restart: the case where the driver was
 * seen reporting an insert as failed that had in fact committed. Checked with the history checker.
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
                FaultRun run = new FaultRun();
                run.run(store, Duration.ofSeconds(2), () -> {
                    Thread.sleep(2500);
                    server.killNine();
                    Thread.sleep(500);
                    server.start();
                });
                History.Summary s = run.check(store, "MariaDB kill -9 + restart");
                assertThat(s.ok()).isPositive();
            } finally {
                store.close();
            }
        }
    }
}
