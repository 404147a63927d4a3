package org.tracknum.redis;

import java.util.List;
import org.tracknum.ConfigurationException;
import org.tracknum.spi.ReservationOutcome;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * One server (a standalone Redis, or the current master of a {@code RedisSentinelClient}): each
 * batch is one pipeline on one pooled connection. Failing to obtain the connection means nothing
 * was sent (transient); a failure after that makes the whole batch ambiguous.
 */
final class StandaloneRouting implements Routing {
    private final UnifiedJedis client;
    private final ReplicaWait wait;
    private final String name;

    private StandaloneRouting(UnifiedJedis client, ReplicaWait wait, String name) {
        this.client = client;
        this.wait = wait;
        this.name = name;
    }

    /** @throws ConfigurationException if the client's pipelines are not single-connection pipelines */
    static StandaloneRouting of(UnifiedJedis client, ReplicaWait wait, String name) {
        try (AbstractPipeline probe = client.pipelined()) {
            if (!(probe instanceof Pipeline)) {
                throw new ConfigurationException("unsupported Jedis client " + client.getClass().getName()
                        + ": pass a RedisClient, RedisSentinelClient, RedisClusterClient or JedisCluster");
            }
        }
        return new StandaloneRouting(client, wait, name);
    }

    @Override
    public void write(WriteBatch batch) {
        int[] pending = batch.pending();
        Pipeline pipeline;
        try {
            pipeline = (Pipeline) client.pipelined();
        } catch (RuntimeException e) {
            ReservationOutcome notSent = Replies.notSent(e);
            for (int i : pending) {
                batch.set(i, notSent);
            }
            return;
        }
        NodeBatch node = new NodeBatch(pipeline, () -> { }, wait, false);
        for (int i : pending) {
            node.add(i);
        }
        node.send(batch);
        node.collect(batch);
    }

    @Override
    public List<ServerFacts> servers() {
        return List.of(ServerFacts.read(name, client::info, client::configGet));
    }

    @Override
    public boolean isCluster() {
        return false;
    }
}
