package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.ForeignRecord;
import org.tracknum.testkit.IdempotencyContract;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The store contract with its idempotency-key cases on a Redis Cluster of three masters that this
 * test starts (and stops) itself, with the default strict durability check passing on every master
 * ({@code appendonly yes}), where a key's claim and its number usually sit on different nodes; plus
 * what only a Cluster shows: one failed node leaves the rest of a batch unaffected.
 */
class RedisClusterContractTest extends IdempotencyContract {
    private static RedisClusterFixture cluster;
    private static int stores;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterFixture.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected ReservationStore newStore() {
        return RedisReservationStore.builder()
                .cluster(cluster.seeds())
                .keyPrefix("contract-" + (++stores) + ":")
                .build();
    }

    /** Every kind is a raw string value, SET under the store's prefix on the node that owns its slot. */
    @Override
    protected boolean plantForeignRecord(String number, ForeignRecord kind) {
        try (RedisClusterClient client = RedisClusterClient.builder().nodes(seedNodes()).build()) {
            client.set("contract-" + stores + ":" + number, ForeignValues.of(kind));
        }
        return true;
    }

    @Override
    protected int numbersPerThread() {
        return 10_000;
    }

    @Test
    void aPausedNodeMakesOnlyItsOwnReservationsAmbiguous() {
        RedisServer node = cluster.nodes().get(0);
        BitSet slotsOfNode = slotsOf(node);
        List<Reservation> batch = batchOf(60);
        String prefix = "paused-" + (++stores) + ":";
        try (RedisReservationStore fast = RedisReservationStore.builder().cluster(cluster.seeds()).keyPrefix(prefix)
                .timeout(Duration.ofSeconds(1)).build()) {
            // Leaves an open connection to every node in the pool: a new one could not even be opened
            // to the paused node (nothing sent: transient), and this test is about writes that were sent.
            assertThat(fast.reserve(batchOf(60))).containsOnly(ReservationOutcome.RESERVED);
            List<ReservationOutcome> outcomes;
            node.pause();
            try {
                outcomes = fast.reserve(batch);
            } finally {
                node.resume();
            }
            int onNode = 0;
            for (int i = 0; i < batch.size(); i++) {
                boolean paused = slotsOfNode.get(JedisClusterCRC16.getSlot(prefix + batch.get(i).trackingNumber()));
                onNode += paused ? 1 : 0;
                assertThat(outcomes.get(i).status()).as("reservation %d, on the paused node: %s", i, paused)
                        .isEqualTo(paused ? Status.AMBIGUOUS : Status.RESERVED);
            }
            assertThat(onNode).isBetween(1, batch.size() - 1);
            // The paused node performs the writes it had received; re-sending them recognises them as ours.
            assertThat(fast.verify(batch)).containsOnly(ReservationOutcome.RESERVED);
            for (Reservation reservation : batch) {
                assertThat(fast.find(reservation.trackingNumber())).contains(reservation.toIssued());
            }
        }
    }

    @Test
    void aWriteToASlotBeingMigratedFollowsAskToTheImportingNode() {
        RedisServer source = cluster.nodes().get(1);
        RedisServer target = cluster.nodes().get(2);
        String prefix = "migrating-" + (++stores) + ":";
        BitSet sourceSlots = slotsOf(source);
        Reservation moving;
        do {
            moving = reservation(randomNumber(), TestRequests.unique());
        } while (!sourceSlots.get(JedisClusterCRC16.getSlot(prefix + moving.trackingNumber())));
        int slot = JedisClusterCRC16.getSlot(prefix + moving.trackingNumber());
        Reservation staying = reservation(randomNumber(), TestRequests.unique());
        try (RedisReservationStore store = RedisReservationStore.builder().cluster(cluster.seeds()).keyPrefix(prefix).build();
             Jedis onSource = source.connect();
             Jedis onTarget = target.connect()) {
            onTarget.clusterSetSlotImporting(slot, onSource.clusterMyId());
            onSource.clusterSetSlotMigrating(slot, onTarget.clusterMyId());
            try {
                assertThat(store.reserve(List.of(moving, staying))).containsOnly(ReservationOutcome.RESERVED);
                String key = prefix + moving.trackingNumber();
                assertThatThrownBy(() -> onSource.exists(key)).as("not on the source")
                        .isInstanceOf(JedisAskDataException.class);
                onTarget.asking();
                assertThat(StoredValue.token(onTarget.get(prefix + moving.trackingNumber())))
                        .isEqualTo(moving.reservationId().toString());
                Reservation rival = reservation(moving.trackingNumber(), TestRequests.unique());
                assertThat(store.reserve(List.of(rival))).containsExactly(ReservationOutcome.TAKEN);
            } finally {
                onSource.clusterSetSlotStable(slot);
                onTarget.clusterSetSlotStable(slot);
            }
        }
    }

    @Test
    void usersClusterClientIsUsedAndLeftOpen() {
        try (RedisClusterClient client = RedisClusterClient.builder().nodes(seedNodes()).build()) {
            assertUsedAndLeftOpen(client, "CLUSTER000000001");
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedJedisClusterStillWorks() {
        try (redis.clients.jedis.JedisCluster client = new redis.clients.jedis.JedisCluster(seedNodes())) {
            assertUsedAndLeftOpen(client, "CLUSTER000000002");
        }
    }

    private static void assertUsedAndLeftOpen(UnifiedJedis client, String number) {
        RedisReservationStore own = RedisReservationStore.builder().client(client).keyPrefix("user-client:").build();
        Reservation reservation = new Reservation(UUID.randomUUID(), number, TestRequests.westward(), Instant.now());
        assertThat(own.reserve(List.of(reservation))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(own.find(number)).contains(reservation.toIssued());
        own.close();
        assertThat(client.get("user-client:" + number)).isNotNull();
    }

    /**
     * More writers at once than a node's pool has connections (as 32 threads calling
     * {@code nextAll} make): every write gets through. A write holds one connection of each node it
     * writes to, taken one after another; without a limit on concurrent writes, writers held one
     * node's last connections while waiting for another's until the pool timeout, and their
     * reservations came back not sent.
     */
    @Test
    void moreWritersThanPoolConnectionsAllGetThrough() throws Exception {
        int writers = 12;
        int rounds = 15;
        try (RedisReservationStore store = RedisReservationStore.builder()
                .cluster(cluster.seeds())
                .keyPrefix("writers-" + (++stores) + ":")
                .connections(2)
                .timeout(Duration.ofMillis(500))
                .build()) {
            for (List<ReservationOutcome> outcomes : reserveFromWriters(store, writers, rounds, 200)) {
                assertThat(outcomes).hasSize(rounds * 200).containsOnly(ReservationOutcome.RESERVED);
            }
        }
    }

    private static Set<HostAndPort> seedNodes() {
        return cluster.nodes().stream().map(n -> new HostAndPort("127.0.0.1", n.port())).collect(Collectors.toSet());
    }

    private static List<Reservation> batchOf(int size) {
        List<Reservation> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(reservation(randomNumber(), TestRequests.unique()));
        }
        return batch;
    }

    /** The slots a node serves, from its own CLUSTER NODES line. */
    private static BitSet slotsOf(RedisServer node) {
        BitSet slots = new BitSet(16384);
        try (Jedis jedis = node.connect()) {
            String myself = jedis.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
            String[] fields = myself.split(" ");
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                slots.set(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]) + 1);
            }
        }
        return slots;
    }
}
