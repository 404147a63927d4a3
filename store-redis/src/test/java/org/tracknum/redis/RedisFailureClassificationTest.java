package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.Jedis;

/** How refusals and connection failures of real servers are classified. */
class RedisFailureClassificationTest {

    private static Reservation reservation(String number) {
        return new Reservation(UUID.randomUUID(), number, TestRequests.unique(), Instant.now());
    }

    private static RedisReservationStore store(RedisServer server) {
        return RedisReservationStore.builder().url(server.url()).keyPrefix("classify:")
                .timeout(Duration.ofMillis(500)).build();
    }

    @Test
    void foreignValuesAreTakenAndNonStringValuesAreFatal() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes");
             RedisReservationStore store = store(server);
             Jedis direct = server.connect()) {
            direct.set("classify:FOREIGN1", "some other application's value");
            direct.hset("classify:FOREIGN2", "field", "value");
            List<ReservationOutcome> outcomes = store.reserve(List.of(reservation("FOREIGN1"), reservation("FOREIGN2"),
                    reservation("FRESH1")));
            assertThat(outcomes.get(0)).isEqualTo(ReservationOutcome.TAKEN);
            assertThat(outcomes.get(1).status()).isEqualTo(Status.FATAL);
            assertThat(outcomes.get(1).cause()).hasMessageContaining("holds a non-string value");
            assertThat(outcomes.get(2)).isEqualTo(ReservationOutcome.RESERVED);
            assertThatThrownBy(() -> store.find("FOREIGN1")).isInstanceOf(StoreFailure.class)
                    .hasMessageContaining("is not a Tracknum record").hasMessageNotContaining("application");
            assertThatThrownBy(() -> store.find("FOREIGN2")).isInstanceOf(StoreFailure.class)
                    .extracting(e -> ((StoreFailure) e).status()).isEqualTo(Status.FATAL);
            assertThat(direct.get("classify:FOREIGN1")).isEqualTo("some other application's value");
        }
    }

    @Test
    void outOfMemoryIsTransientUntilTheBudgetEnds() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--maxmemory-policy", "noeviction");
             RedisReservationStore store = store(server);
             Jedis direct = server.connect()) {
            fillMemory(direct);
            ReservationOutcome outcome = store.reserve(List.of(reservation("OOM1"))).get(0);
            assertThat(outcome.status()).isEqualTo(Status.TRANSIENT);
            assertThat(outcome.cause()).hasMessageContaining("(OOM)");
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                    .retryPolicy(RetryPolicy.builder().budget(Duration.ofMillis(300)).maxBackoff(Duration.ofMillis(50)).build())
                    .build()) {
                assertThatThrownBy(() -> generator.next(TestRequests.unique()))
                        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("OOM");
            }
            assertThat(direct.exists("classify:OOM1")).isFalse();
        }
    }

    /** Stores 4 MB, then lowers maxmemory below it: with noeviction, every write is refused. */
    private static void fillMemory(Jedis direct) {
        String ballast = "x".repeat(256 * 1024);
        for (int i = 0; i < 16; i++) {
            direct.set("ballast" + i, ballast);
        }
        direct.configSet("maxmemory", "2mb");
    }

    @Test
    void aRefusedConnectionIsTransientAndADeadConnectionAmbiguous() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes")) {
            RedisReservationStore store = store(server);
            assertThat(store.reserve(List.of(reservation("BEFORE1")))).containsExactly(ReservationOutcome.RESERVED);
            server.kill9();
            // The pooled connection is dead: what was sent on it may or may not have arrived.
            Status first = store.reserve(List.of(reservation("DOWN1"))).get(0).status();
            assertThat(first).isIn(Status.AMBIGUOUS, Status.TRANSIENT);
            // New connections are refused before anything is sent.
            for (int i = 0; i < 3; i++) {
                ReservationOutcome outcome = store.reserve(List.of(reservation("DOWN2"))).get(0);
                assertThat(outcome.status()).isEqualTo(Status.TRANSIENT);
                assertThat(outcome.cause()).hasMessageContaining("nothing was sent");
            }
            assertThatThrownBy(store::ping).isInstanceOf(StoreFailure.class);
            server.restart();
            assertThat(store.reserve(List.of(reservation("AFTER1")))).containsExactly(ReservationOutcome.RESERVED);
            assertThat(store.find("BEFORE1")).isPresent();
            store.close();
        }
    }
}
