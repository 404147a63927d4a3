package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;

/** The start-up checks against servers this test starts with the settings in question. */
class DurabilityCheckTest {

    private static RedisReservationStore.Builder store(RedisServer server) {
        return RedisReservationStore.builder().url(server.url()).keyPrefix("durability:");
    }

    private static void assertWorks(RedisReservationStore store) {
        Reservation reservation = new Reservation(java.util.UUID.randomUUID(), "MYID000000000001",
                TestRequests.unique(), java.time.Instant.now());
        assertThat(store.reserve(List.of(reservation))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(store.find(reservation.trackingNumber())).contains(reservation.toIssued());
    }

    @Test
    void appendonlyNoIsRefusedInStrictModeWithTheFixAndTheOptOut() {
        try (RedisServer server = RedisServer.start("--appendonly", "no")) {
            assertThatThrownBy(() -> store(server).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Redis at redis://" + server.address() + "/0 may lose issued tracking numbers")
                    .hasMessageContaining("appendonly is no (every key is lost when Redis restarts)")
                    .hasMessageContaining("CONFIG SET appendonly yes")
                    .hasMessageContaining("durability(Durability.RELAXED)");
        }
    }

    @Test
    void relaxedModeAcceptsAServerThatKeepsNothing() {
        try (RedisServer server = RedisServer.start("--appendonly", "no");
             RedisReservationStore store = store(server).durability(Durability.RELAXED).build()) {
            assertWorks(store);
        }
    }

    @Test
    void evictionOfAnyKeyIsRefused() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--maxmemory-policy", "allkeys-lru")) {
            assertThatThrownBy(() -> store(server).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("maxmemory-policy is allkeys-lru (issued numbers are evicted when memory is full)")
                    .hasMessageNotContaining("appendonly is");
        }
    }

    @Test
    void volatileEvictionNeverTouchesOurKeysAndPasses() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--maxmemory-policy", "volatile-lru");
             RedisReservationStore store = store(server).build()) {
            assertWorks(store);
        }
    }

    @Test
    void appendfsyncAlwaysIsAccepted() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
             RedisReservationStore store = store(server).build()) {
            assertWorks(store);
        }
    }

    @Test
    void appendfsyncEverysecIsAccepted() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "everysec");
             RedisReservationStore store = store(server).build()) {
            assertWorks(store);
        }
    }

    @Test
    void infoStandsInWhereConfigIsDisabled() {
        try (RedisServer durable = RedisServer.start("--appendonly", "yes", "--rename-command", "CONFIG", "");
             RedisReservationStore store = store(durable).build()) {
            assertWorks(store);
        }
        try (RedisServer volatileServer = RedisServer.start("--appendonly", "no", "--rename-command", "CONFIG", "")) {
            assertThatThrownBy(() -> store(volatileServer).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("appendonly is no");
        }
    }

    @Test
    void aReplicaIsRefused() {
        try (RedisServer master = RedisServer.start("--appendonly", "yes");
             RedisServer replica = RedisServer.start("--appendonly", "yes", "--replicaof", "127.0.0.1",
                     String.valueOf(master.port()))) {
            assertThatThrownBy(() -> store(replica).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("is not a master (role slave)");
        }
    }

    @Test
    void aClusterNodeIsRefusedAsAStandaloneServer() {
        try (RedisServer node = RedisServer.start(true, "--appendonly", "yes", "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf")) {
            assertThatThrownBy(() -> store(node).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("is a Redis Cluster node: use cluster(..)");
        }
    }
}
