package org.tracknum.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
 * The part of a batch that goes to one Redis node: one pipeline on one connection holding each
 * write ({@code SET key value NX GET}, or {@code EVAL} of the one-key swap script) and, if
 * configured, a {@code WAIT}. If the connection fails after anything may have been sent, every
 * write of this node is ambiguous; other nodes of the same batch are unaffected.
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
                int i = indexes[k];
                replies[k] = batch.isSwap(i)
                        ? pipeline.eval(WriteBatch.SWAP_SCRIPT, List.of(batch.key(i)), List.of(batch.expected(i), batch.value(i)))
                        : pipeline.setGet(batch.key(i), batch.value(i), ONLY_IF_ABSENT);
            }
            if (wait.enabled()) {
                acknowledged = pipeline.waitReplicas(wait.replicas(), wait.timeoutMillis());
            }
            flush.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Reads the replies into the batch and releases the connection, whatever happens. */
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
            record(batch, k);
        }
        if (acknowledged != null) {
            checkReplicas(batch);
        }
    }

    private void record(WriteBatch batch, int k) {
        try {
            batch.reply(indexes[k], text(replies[k].get()));
        } catch (JedisDataException e) {
            batch.set(indexes[k], Replies.ofError(e));
        } catch (RuntimeException e) {
            batch.set(indexes[k], Replies.ambiguous(e));
        }
    }

    /** A bulk-string reply as text; {@code EVAL} may give bytes. */
    private static String text(Object reply) {
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[]) {
            return new String((byte[]) reply, StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("unexpected Redis reply type " + reply.getClass().getSimpleName());
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
            batch.unreplicated(indexes[k], outcome);
        }
    }

    /** True if the node failed or moved a slot away: the cluster topology may have changed. */
    boolean topologyChanged(WriteBatch batch) {
        if (failure != null) {
            return true;
        }
        for (int k = 0; k < size; k++) {
            if (Replies.isTopologyChange(batch.failure(indexes[k]))) {
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
