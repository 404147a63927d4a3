package org.tracknum.redis;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * The part of a batch that goes to one Redis node: one pipeline on one connection holding a
 * {@code SET key value NX GET} per reservation and, if configured, a {@code WAIT}. If the
 * connection fails after anything may have been sent, every reservation of this node is
 * ambiguous; other nodes of the same batch are unaffected.
 */
final class NodeBatch {
    private static final Logger LOG = LoggerFactory.getLogger(NodeBatch.class);
    private static final SetParams ONLY_IF_ABSENT = SetParams.setParams().nx();

    private final Pipeline pipeline;
    private final Runnable flush;
    private final ReplicaWait wait;
    private final boolean asking;
    private int[] indexes = new int[16];
    private int size;
    private Response<?>[] replies;
    private Response<Long> acknowledged;
    private RuntimeException failure;

    /**
     * @param flush  sends what is queued without reading replies, so that several nodes work at once
     * @param asking precede each write with {@code ASKING}: the node is importing the keys' slots
     */
    NodeBatch(Pipeline pipeline, Runnable flush, ReplicaWait wait, boolean asking) {
        this.pipeline = pipeline;
        this.flush = flush;
        this.wait = wait;
        this.asking = asking;
    }

    void add(int index) {
        if (size == indexes.length) {
            indexes = Arrays.copyOf(indexes, size * 2);
        }
        indexes[size++] = index;
    }

    /** Queues every command and sends them; a failure here is kept for {@link #collect}. */
    void send(WriteBatch batch) {
        replies = new Response<?>[size];
        try {
            for (int k = 0; k < size; k++) {
                if (asking) {
                    pipeline.sendCommand(new CommandArguments(Protocol.Command.ASKING));
                }
                replies[k] = pipeline.setGet(batch.key(indexes[k]), batch.value(indexes[k]), ONLY_IF_ABSENT);
            }
            if (wait.enabled()) {
                acknowledged = pipeline.waitReplicas(wait.replicas(), wait.timeoutMillis());
            }
            flush.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Reads the replies into the batch's outcomes and releases the connection, whatever happens. */
    void collect(WriteBatch batch) {
        try {
            if (failure == null) {
                pipeline.sync();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            closeQuietly();
        }
        if (failure != null) {
            LOG.debug("pipeline of {} writes failed; their outcomes are ambiguous", size, failure);
            ReservationOutcome ambiguous = Replies.ambiguous(failure);
            for (int k = 0; k < size; k++) {
                batch.set(indexes[k], ambiguous);
            }
            return;
        }
        for (int k = 0; k < size; k++) {
            batch.set(indexes[k], outcome(batch, k));
        }
        if (acknowledged != null) {
            checkReplicas(batch);
        }
    }

    private ReservationOutcome outcome(WriteBatch batch, int k) {
        try {
            return Replies.ofOldValue(batch.reservation(indexes[k]), (String) replies[k].get());
        } catch (JedisDataException e) {
            return Replies.ofError(e);
        } catch (RuntimeException e) {
            return Replies.ambiguous(e);
        }
    }

    /** Too few replica acknowledgements: a write that is ours is not known to be replicated yet. */
    private void checkReplicas(WriteBatch batch) {
        StoreFailure unreplicated;
        try {
            long count = acknowledged.get();
            if (count >= wait.replicas()) {
                return;
            }
            unreplicated = new StoreFailure(Status.AMBIGUOUS, "only " + count + " of " + wait.replicas()
                    + " replicas acknowledged the write within " + wait.timeoutMillis() + " ms", null);
        } catch (RuntimeException e) {
            unreplicated = new StoreFailure(Status.AMBIGUOUS, "WAIT failed: replication of the write is unknown", e);
        }
        LOG.debug("{}", unreplicated.getMessage());
        ReservationOutcome outcome = ReservationOutcome.ambiguous(unreplicated);
        for (int k = 0; k < size; k++) {
            if (batch.outcome(indexes[k]).status() == Status.RESERVED) {
                batch.set(indexes[k], outcome);
            }
        }
    }

    /** True if the node failed or moved a slot away: the cluster topology may have changed. */
    boolean topologyChanged(WriteBatch batch) {
        if (failure != null) {
            return true;
        }
        for (int k = 0; k < size; k++) {
            if (Replies.isTopologyChange(batch.outcome(indexes[k]))) {
                return true;
            }
        }
        return false;
    }

    private void closeQuietly() {
        try {
            pipeline.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a failed pipeline", e);
        }
    }
}
