package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.Jedis;

/** WAIT after each batch: too few replica acknowledgements keep the number from being handed out. */
class RedisWaitReplicasTest {

    @Test
    void writesCountOnlyOnceEnoughReplicasAcknowledge() {
        try (RedisServer master = RedisServer.start("--appendonly", "yes", "--repl-diskless-sync-delay", "0");
             RedisReservationStore store = RedisReservationStore.builder().url(master.url())
                     .waitReplicas(1, Duration.ofMillis(100)).timeout(Duration.ofSeconds(1)).build();
             Jedis direct = master.connect()) {
            Reservation reservation = new Reservation(UUID.randomUUID(), "WAIT000000000001", TestRequests.unique(), Instant.now());
            ReservationOutcome alone = store.reserve(List.of(reservation)).get(0);
            assertThat(alone.status()).isEqualTo(Status.AMBIGUOUS);
            assertThat(alone.cause()).hasMessage("only 0 of 1 replicas acknowledged the write within 100 ms");
            assertThat(StoredValue.token(direct.get("tracknum:WAIT000000000001")))
                    .isEqualTo(reservation.reservationId().toString());

            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                    .retryPolicy(RetryPolicy.builder().budget(Duration.ofMillis(400)).maxBackoff(Duration.ofMillis(50)).build())
                    .build()) {
                assertThatThrownBy(() -> generator.next(TestRequests.unique()))
                        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("replicas acknowledged");
            }

            try (RedisServer replica = RedisServer.start("--appendonly", "yes", "--replicaof", "127.0.0.1",
                    String.valueOf(master.port()))) {
                awaitReplica(direct);
                // A second store with a WAIT timeout that tolerates a loaded test machine.
                try (RedisReservationStore patient = RedisReservationStore.builder().url(master.url())
                        .waitReplicas(1, Duration.ofMillis(1000)).timeout(Duration.ofSeconds(3)).build();
                     TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(patient)).build();
                     Jedis onReplica = replica.connect()) {
                    assertThat(patient.verify(List.of(reservation))).containsExactly(ReservationOutcome.RESERVED);
                    IssuedTrackingNumber issued = generator.next(TestRequests.unique());
                    assertThat(onReplica.get("tracknum:" + issued.trackingNumber())).isNotNull();
                }
            }
        }
    }

    private static void awaitReplica(Jedis master) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!master.info("replication").contains("connected_slaves:1") || master.waitReplicas(1, 100) < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replica did not connect: " + master.info("replication"));
            }
            RedisServer.sleep(Duration.ofMillis(50));
        }
    }
}
