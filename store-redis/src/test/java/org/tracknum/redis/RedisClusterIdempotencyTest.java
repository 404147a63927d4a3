package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The idempotency-key cases on a 3-master Redis Cluster this test starts, where a key's claim and
 * its number usually live on different nodes; plus a check that they do, and that a claim's slot
 * does not depend on braces in the caller's key.
 */
class RedisClusterIdempotencyTest extends RedisIdempotencyCases {
    private static RedisClusterFixture cluster;

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
    protected RedisReservationStore newStore(String prefix) {
        return RedisReservationStore.builder().cluster(cluster.seeds()).keyPrefix(prefix).build();
    }

    @Override
    protected UnifiedJedis newDirectClient() {
        return RedisClusterClient.builder().nodes(seedNodes()).build();
    }

    @Override
    protected void deleteKeys(String prefix) {
        for (RedisServer node : cluster.nodes()) {
            try (Jedis jedis = node.connect()) {
                Set<String> keys = jedis.keys(prefix + "*");
                keys.forEach(jedis::del);
            }
        }
    }

    private static Set<HostAndPort> seedNodes() {
        return cluster.nodes().stream().map(n -> new HostAndPort("127.0.0.1", n.port())).collect(Collectors.toSet());
    }

    @Test
    void claimsAndNumbersOnDifferentNodesSettleAcrossNodes() {
        ShipmentRequest request = TestRequests.unique();
        int crossNode = 0;
        for (int i = 0; i < 30; i++) {
            String key = "cross-" + i + "-{tag}";
            Reservation first = keyed(request, key);
            Reservation second = keyed(request, key);
            assertThat(store.reserve(List.of(first))).containsExactly(ReservationOutcome.RESERVED);
            assertThat(store.reserve(List.of(second))).containsExactly(ReservationOutcome.keyHeld(first.toIssued()));
            String claimKey = IdempotencyClaim.key(prefix, request.customerId(), key);
            int claimSlot = JedisClusterCRC16.getSlot(claimKey);
            crossNode += owner(claimSlot) != owner(JedisClusterCRC16.getSlot(prefix + first.trackingNumber())) ? 1 : 0;
            // The caller's braces are escaped, so they never act as a hash tag (a slot comparison with
            // "tag" failed by chance: 30 random slots meet one given slot in about 0.2 % of runs).
            assertThat(claimKey.substring(prefix.length())).doesNotContain("{").doesNotContain("}");
        }
        assertThat(crossNode).as("claims on another node than their number").isPositive();
        assertThat(store.findByIdempotencyKey(UUID.randomUUID(), "cross-0-{tag}")).isEmpty();
    }

    /** The index of the node serving {@code slot}, from the default 3-way split of redis-cli. */
    private static int owner(int slot) {
        return slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
    }
}
