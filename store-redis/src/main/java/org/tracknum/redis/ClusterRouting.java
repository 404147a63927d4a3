package org.tracknum.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Redis Cluster: a batch is split by the node that owns each key's slot and sent as one pipeline
 * per node, all nodes written before any reply is read. The store does not go through Jedis's
 * cluster executor for writes, because it retries after a read timeout (a command that may have
 * been performed) and reports such retries as plain replies. Slot owners are learnt from the
 * client's own slot cache and forgotten, with a topology refresh, whenever a node fails or
 * answers MOVED. A write refused with ASK (slot migration in progress) is re-sent once to the
 * importing node. Once one node cannot be reached, the rest of the batch that still needs a new
 * connection is reported as not sent, so that a batch waits for at most one connect timeout.
 *
 * <p>A write takes one connection from each node's pool it writes to, one node after another, and
 * holds them until its replies are read; while it does, learning the owner of a slot it has not
 * seen yet borrows one more connection for a moment (that is how the client tells which node owns
 * a slot). So a write needs up to two connections of a node at once, and no more than half the
 * smallest node pool's connections' worth of writes run at once: otherwise writes could each hold
 * a node's connections while waiting for more of them (32 threads calling {@code nextAll}, with
 * two batches in flight each and pools of 12, waited for the pool timeout on every write and
 * failed). Writes beyond that wait for a turn. The generator's own traffic never waits: its
 * pool has {@code 2 × lanes + 8} connections per node, room for {@code lanes + 4} writes.
 */
final class ClusterRouting implements Routing {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRouting.class);
    private static final int SLOTS = 16384;

    private final IntFunction<Connection> slotConnection;
    private final Runnable refreshTopology;
    private final Supplier<Map<String, ConnectionPool>> nodes;
    private final ReplicaWait wait;
    private final AtomicReferenceArray<HostAndPort> owners = new AtomicReferenceArray<>(SLOTS);
    private final Semaphore writers;

    private ClusterRouting(IntFunction<Connection> slotConnection, Runnable refreshTopology,
                           Supplier<Map<String, ConnectionPool>> nodes, ReplicaWait wait) {
        this.slotConnection = slotConnection;
        this.refreshTopology = refreshTopology;
        this.nodes = nodes;
        this.wait = wait;
        this.writers = new Semaphore(concurrentWrites(nodes.get().values()));
    }

    /**
     * Half the smallest {@code maxTotal} of the client's node pools, at least one (pools of nodes
     * found later are made with the same configuration), or no limit if the pools have none.
     */
    static int concurrentWrites(Collection<ConnectionPool> pools) {
        int smallest = Integer.MAX_VALUE;
        for (ConnectionPool pool : pools) {
            int max = pool.getMaxTotal();
            if (max > 0) {
                smallest = Math.min(smallest, max);
            }
        }
        return smallest == Integer.MAX_VALUE ? smallest : Math.max(1, smallest / 2);
    }

    /** The routing for a Cluster client, or {@code null} if {@code client} is not one. */
    @SuppressWarnings("deprecation")
    static ClusterRouting of(UnifiedJedis client, ReplicaWait wait) {
        if (client instanceof RedisClusterClient) {
            RedisClusterClient c = (RedisClusterClient) client;
            return new ClusterRouting(c::getConnectionFromSlot, c::refreshClusterTopology, c::getClusterNodes, wait);
        }
        if (client instanceof JedisCluster) {
            JedisCluster c = (JedisCluster) client;
            return new ClusterRouting(c::getConnectionFromSlot, c::refreshClusterTopology, c::getClusterNodes, wait);
        }
        return null;
    }

    @Override
    public void write(WriteBatch batch) {
        writers.acquireUninterruptibly();
        try {
            writeHoldingTurn(batch);
        } finally {
            writers.release();
        }
    }

    private void writeHoldingTurn(WriteBatch batch) {
        Map<HostAndPort, NodeBatch> byNode = new LinkedHashMap<>();
        RuntimeException unreachable = null;
        for (int i : batch.pending()) {
            int slot = JedisClusterCRC16.getSlot(batch.key(i));
            try {
                NodeBatch node = unreachable == null ? nodeFor(slot, byNode) : knownNode(slot, byNode);
                if (node != null) {
                    node.add(i);
                    continue;
                }
            } catch (RuntimeException e) {
                unreachable = e;
            }
            batch.set(i, Replies.notSent(unreachable));
        }
        boolean changed = run(byNode.values(), batch) || unreachable != null;
        followAsk(batch);
        if (changed) {
            forgetTopology();
        }
    }

    /** Sends every node's pipeline, then reads them; true if a node failed or moved a slot away. */
    private static boolean run(Collection<NodeBatch> nodes, WriteBatch batch) {
        nodes.forEach(node -> node.send(batch));
        boolean changed = false;
        for (NodeBatch node : nodes) {
            node.collect(batch);
            changed |= node.topologyChanged(batch);
        }
        return changed;
    }

    /**
     * Re-sends, once, each write refused with ASK (its slot is being migrated and the key is not on
     * the old node) to the node named in the reply, preceded by {@code ASKING}. A write that cannot
     * be re-sent keeps its transient outcome.
     */
    private void followAsk(WriteBatch batch) {
        Map<HostAndPort, NodeBatch> targets = new LinkedHashMap<>();
        Map<String, ConnectionPool> pools = null;
        for (int i = 0; i < batch.size(); i++) {
            HostAndPort target = Replies.askTarget(batch.failure(i));
            if (target == null) {
                continue;
            }
            if (!targets.containsKey(target)) {
                pools = pools != null ? pools : nodes.get();
                targets.put(target, pipelineTo(pools.get(target.toString()), target));
            }
            NodeBatch node = targets.get(target);
            if (node != null) {
                node.add(i);
            }
        }
        targets.values().removeIf(Objects::isNull);
        run(targets.values(), batch);
    }

    /** A pipeline with ASKING to an importing node, or {@code null} if no connection can be had. */
    private NodeBatch pipelineTo(ConnectionPool pool, HostAndPort target) {
        try {
            return pool == null ? null : pipelineTo(pool.getResource(), true);
        } catch (RuntimeException e) {
            LOG.debug("cannot follow ASK to {}", target, e);
            return null;
        }
    }

    private NodeBatch knownNode(int slot, Map<HostAndPort, NodeBatch> byNode) {
        HostAndPort owner = owners.get(slot);
        return owner == null ? null : byNode.get(owner);
    }

    private NodeBatch nodeFor(int slot, Map<HostAndPort, NodeBatch> byNode) {
        NodeBatch known = knownNode(slot, byNode);
        if (known != null) {
            return known;
        }
        Connection connection = slotConnection.apply(slot);
        HostAndPort node = connection.getHostAndPort();
        owners.set(slot, node);
        NodeBatch existing = byNode.get(node);
        if (existing != null) {
            connection.close();
            return existing;
        }
        NodeBatch created = pipelineTo(connection, false);
        byNode.put(node, created);
        return created;
    }

    private NodeBatch pipelineTo(Connection connection, boolean asking) {
        return new NodeBatch(new Pipeline(connection, true), () -> connection.getMany(0), wait, asking);
    }

    private void forgetTopology() {
        for (int slot = 0; slot < SLOTS; slot++) {
            owners.set(slot, null);
        }
        try {
            refreshTopology.run();
        } catch (RuntimeException e) {
            LOG.debug("cluster topology refresh failed", e);
        }
    }

    @Override
    public List<ServerFacts> servers() {
        List<ServerFacts> facts = new ArrayList<>();
        for (Map.Entry<String, ConnectionPool> node : nodes.get().entrySet()) {
            try (Connection connection = node.getValue().getResource()) {
                CommandObjects commands = new CommandObjects(connection.getRedisProtocol());
                facts.add(ServerFacts.read(node.getKey(), () -> connection.executeCommand(commands.info()),
                        settings -> connection.executeCommand(commands.configGet(settings))));
            }
        }
        return facts;
    }

    @Override
    public boolean isCluster() {
        return true;
    }
}
