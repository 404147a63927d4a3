package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-line failover verdict from each master's INFO replication, and on a server of the
 * test's own with a replica attached. The Sentinel case is asserted in {@link RedisFailoverTest}.
 */
class ReplicationCheckTest {

    private static ServerFacts facts(String name, String info) {
        return new ServerFacts(name, ServerFacts.parseInfo(info), Map.of(), null);
    }

    @Test
    void replicasOfEveryMasterAreCountedAndNeverProtected() {
        List<ServerFacts> cluster = List.of(
                facts("10.0.0.1:6379", "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"),
                facts("10.0.0.2:6379", "# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"),
                facts("10.0.0.3:6379", "# Replication\r\nrole:slave\r\nconnected_slaves:0\r\n"));
        assertThat(ReplicationCheck.of(cluster, ReplicaWait.NONE).describeSuffix())
                .isEqualTo("; failover: NOT protected (3 asynchronous replica(s) of 2 master(s), no WAIT)");
        assertThat(ReplicationCheck.of(cluster, new ReplicaWait(1, 100)).describeSuffix())
                .isEqualTo("; failover: NOT protected (3 asynchronous replica(s) of 2 master(s), WAIT 1 narrows but"
                        + " does not close the window)");
    }

    @Test
    void aMasterWithoutReplicasDescribesAsBefore() {
        List<ServerFacts> alone = List.of(facts("10.0.0.1:6379", "role:master\r\nconnected_slaves:0\r\n"));
        assertThat(ReplicationCheck.of(alone, ReplicaWait.NONE).describeSuffix()).isEmpty();
    }

    @Test
    void aReplicaAttachedToTheServerShowsInDescribe() {
        try (RedisServer master = RedisServer.start("--appendonly", "yes");
             RedisServer replica = RedisServer.start("--appendonly", "yes", "--replicaof", "127.0.0.1",
                     String.valueOf(master.port()))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            try (var direct = master.connect()) {
                while (!direct.info("replication").contains("connected_slaves:1")) {
                    assertThat(System.nanoTime()).as("replica attached").isLessThan(deadline);
                    RedisServer.sleep(java.time.Duration.ofMillis(50));
                }
            }
            try (RedisReservationStore store = RedisReservationStore.builder().url(master.url()).build()) {
                assertThat(store.describe()).isEqualTo("redis redis://" + master.address() + "/0 prefix tracknum:"
                        + "; failover: NOT protected (1 asynchronous replica(s) of 1 master(s), no WAIT)");
            }
        }
    }
}
