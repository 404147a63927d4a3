package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoreFailure;

/**
 * Group commit without a timer. Callers are spread over a fixed number of lanes: each thread gets
 * a slot number, dealt round robin on its first call, and uses lane {@code slot % lanes}.
 * A caller queues its reservation in its lane; if the lane is free the caller becomes its flusher
 * and hands everything queued (up to {@code maxBatchSize}) to the store in one call, repeating
 * until its own reservation is done; otherwise it parks until a flusher completes it. A lone
 * caller therefore goes straight through, and a burst is written in a few batches. When a flusher
 * leaves, it wakes the oldest waiter, which takes over the lane.
 *
 * <p>An {@link Error} thrown by the store ({@code OutOfMemoryError}, {@code StackOverflowError})
 * is not an outcome: it is rethrown to the flusher and to every caller of the failed batch, and
 * callers still queued are left to the next flusher.
 */
final class ReservationLanes {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationLanes.class);
    /** Dealt to threads in order of their first call, so that concurrent callers spread evenly. */
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
    private static final ThreadLocal<Integer> SLOT = ThreadLocal.withInitial(NEXT_SLOT::getAndIncrement);

    private final ReservationStore store;
    private final Lane[] lanes;
    private final int maxBatchSize;

    ReservationLanes(ReservationStore store, int laneCount, int maxBatchSize) {
        this.store = store;
        this.maxBatchSize = maxBatchSize;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
    }

    /** Reserves {@code reservation} in a batch with whatever else is queued in the caller's lane. */
    ReservationOutcome reserve(Reservation reservation) {
        Lane lane = lanes[Math.floorMod(SLOT.get(), lanes.length)];
        return lane.submit(reservation);
    }

    private static final class Pending {
        final Reservation reservation;
        final Thread waiter;
        volatile ReservationOutcome outcome;
        volatile Error error;

        Pending(Reservation reservation, Thread waiter) {
            this.reservation = reservation;
            this.waiter = waiter;
        }

        void complete(ReservationOutcome result) {
            outcome = result;
            wake();
        }

        void fail(Error failure) {
            error = failure;
            wake();
        }

        boolean done() {
            return outcome != null || error != null;
        }

        private void wake() {
            if (waiter != Thread.currentThread()) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private final class Lane {
        private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean flushing = new AtomicBoolean();

        ReservationOutcome submit(Reservation reservation) {
            if (queue.isEmpty() && flushing.compareAndSet(false, true)) {
                // Lone caller: straight to the store, no queueing.
                try {
                    return execute(List.of(reservation)).get(0);
                } finally {
                    release();
                }
            }
            Pending own = new Pending(reservation, Thread.currentThread());
            queue.add(own);
            return awaitUninterruptibly(own);
        }

        /** Frees the lane and wakes the oldest waiter, which takes it over. */
        private void release() {
            flushing.set(false);
            Pending next = queue.peek();
            if (next != null) {
                LockSupport.unpark(next.waiter);
            }
        }

        /** An interrupt is remembered and restored, not obeyed: the write may already be under way. */
        private ReservationOutcome awaitUninterruptibly(Pending own) {
            boolean interrupted = false;
            while (true) {
                if (own.done()) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    if (own.error != null) {
                        throw own.error;
                    }
                    return own.outcome;
                }
                if (flushing.compareAndSet(false, true)) {
                    try {
                        while (!own.done()) {
                            flushOnce();
                        }
                    } catch (Error e) {
                        // Our own reservation may still be queued: take it back, its caller is failing.
                        queue.remove(own);
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        throw e;
                    } finally {
                        release();
                    }
                    continue;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        }

        private void flushOnce() {
            List<Pending> batch = new ArrayList<>(Math.min(maxBatchSize, 16));
            Pending p;
            while (batch.size() < maxBatchSize && (p = queue.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                return;
            }
            List<Reservation> reservations = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                reservations.add(pending.reservation);
            }
            List<ReservationOutcome> outcomes;
            try {
                outcomes = execute(reservations);
            } catch (Error e) {
                for (Pending pending : batch) {
                    pending.fail(e);
                }
                throw e;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(outcomes.get(i));
            }
        }
    }

    private List<ReservationOutcome> execute(List<Reservation> reservations) {
        return execute(store, reservations);
    }

    /**
     * The store's outcomes, one per reservation: a {@link StoreFailure} of the whole batch becomes
     * its status for each, any other exception {@code AMBIGUOUS} for each; an {@link Error} of the
     * store propagates. Also used by {@code nextAll}, which calls the store without lanes.
     */
    static List<ReservationOutcome> execute(ReservationStore store, List<Reservation> reservations) {
        try {
            List<ReservationOutcome> outcomes = store.reserve(reservations);
            if (outcomes == null || outcomes.size() != reservations.size()) {
                throw new IllegalStateException("store " + store.getClass().getName() + " returned "
                        + (outcomes == null ? "null" : outcomes.size() + " outcomes") + " for "
                        + reservations.size() + " reservations");
            }
            return outcomes;
        } catch (StoreFailure failure) {
            return List.copyOf(java.util.Collections.nCopies(reservations.size(), ReservationOutcome.of(failure)));
        } catch (RuntimeException unexpected) {
            // Whatever happened, some writes may have committed: treat the batch as ambiguous.
            LOG.debug("store {} failed a batch of {} unexpectedly", store.getClass().getName(), reservations.size(),
                    unexpected);
            ReservationOutcome ambiguous = ReservationOutcome.ambiguous(unexpected);
            return java.util.Collections.nCopies(reservations.size(), ambiguous);
        }
    }
}
