package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.Jedis;

/**
 * WAIT applies to both keys of a keyed reservation: without a replica the claim's round already
 * fails the WAIT, so the number is not written (nor handed out); with a replica, verify settles it
 * and both keys are on the replica.
 */
class RedisKeyedWaitReplicasTest {

    @Test
    void aKeyedReservationWaitsForReplicasOnTheClaimAndOnTheNumber() {
        try (RedisServer master = RedisServer.start("--appendonly", "yes", "--repl-diskless-sync-delay", "0");
             RedisReservationStore store = RedisReservationStore.builder().url(master.url())
                     .waitReplicas(1, Duration.ofMillis(100)).timeout(Duration.ofSeconds(1)).build();
             Jedis direct = master.connect()) {
            ShipmentRequest request = TestRequests.unique();
            Reservation reservation = new Reservation(UUID.randomUUID(), "WAITKEY000000001", request,
                    Instant.now().truncatedTo(ChronoUnit.MICROS), "wait-for-it");
            String claimKey = IdempotencyClaim.key("tracknum:", request.customerId(), "wait-for-it");
            ReservationOutcome alone = store.reserve(List.of(reservation)).get(0);
            assertThat(alone.status()).isEqualTo(Status.AMBIGUOUS);
            assertThat(alone.cause()).hasMessage("only 0 of 1 replicas acknowledged the write within 100 ms");
            assertThat(direct.get(claimKey)).isEqualTo(StoredValue.encode(reservation));
            assertThat(direct.get("tracknum:WAITKEY000000001")).as("not written before the claim is replicated").isNull();

            try (RedisServer replica = RedisServer.start("--appendonly", "yes", "--replicaof", "127.0.0.1",
                    String.valueOf(master.port()));
                 RedisReservationStore patient = RedisReservationStore.builder().url(master.url())
                         .waitReplicas(1, Duration.ofMillis(1000)).timeout(Duration.ofSeconds(3)).build();
                 Jedis onReplica = replica.connect()) {
                awaitReplica(direct);
                assertThat(patient.verify(List.of(reservation))).containsExactly(ReservationOutcome.RESERVED);
                assertThat(onReplica.get(claimKey)).isEqualTo(StoredValue.encode(reservation));
                assertThat(onReplica.get("tracknum:WAITKEY000000001")).isEqualTo(StoredValue.encode(reservation));
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
