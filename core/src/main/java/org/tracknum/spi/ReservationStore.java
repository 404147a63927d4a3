package org.tracknum.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;

/**
 * Where tracking numbers are claimed. A store only stores: the generator owns candidates,
 * batching, retries and the handling of ambiguous outcomes. Implementations are thread-safe; the
 * generator calls {@link #reserve} from up to its number of lanes at once.
 */
public interface ReservationStore extends AutoCloseable {

    /**
     * Claims every reservation of the batch, in one round trip where the backend allows, and
     * returns one outcome per reservation, in the order of {@code batch}. Outcomes are determined
     * by {@link Reservation#reservationId()}: a batch may hold two reservations of the same
     * number, of which at most one is {@code RESERVED}. A {@code RESERVED} reservation is durable
     * when this method returns. A failure of one row (a value the database refuses) fails only
     * that reservation.
     *
     * @throws StoreFailure when the whole batch failed; its status applies to every reservation.
     *                      Any other exception is treated as {@code AMBIGUOUS} for the whole batch.
     */
    List<ReservationOutcome> reserve(List<Reservation> batch);

    /**
     * After an {@code AMBIGUOUS} outcome: is each reservation durably stored under its own
     * reservation id? {@code RESERVED} if so; {@code TAKEN} if the number is absent or held by
     * another reservation (the generator then burns it); a failure status if it cannot tell.
     * A store may answer by re-sending the same reservation (same number, same id) when its write
     * recognises an earlier write of that id as its own.
     *
     * For a reservation with an idempotency key the answer follows the same rules as
     * {@link #reserve}: {@code RESERVED} when the number is stored under this reservation id and
     * the key names it, {@code KEY_HELD} when the key names another stored number, {@code TAKEN}
     * when the number is someone else's and the key names nothing.
     *
     * @throws StoreFailure when the check itself failed
     */
    List<ReservationOutcome> verify(List<Reservation> reservations);

    /**
     * The stored number with its request as given, or empty if it was never issued. Stored
     * requests are rebuilt with {@link StoredRequests#restore}, without re-validation.
     *
     * @throws StoreFailure when the store cannot be read
     */
    Optional<IssuedTrackingNumber> find(String trackingNumber);

    /**
     * Whether this store keeps idempotency keys: it stores {@link Reservation#idempotencyKey()}
     * with the number, lets at most one stored number carry a given (customer id, key) pair —
     * also across processes, crashes and ambiguous writes — reports
     * {@link ReservationOutcome.Status#KEY_HELD} from {@link #reserve} and {@link #verify} when the
     * pair already names a stored number, and implements {@link #findByIdempotencyKey}. A store
     * that does not (the default) is never given a reservation with a key: the generator refuses
     * such calls.
     */
    default boolean supportsIdempotencyKeys() {
        return false;
    }

    /**
     * The number stored under {@code customerId}'s {@code idempotencyKey}, or empty if there is
     * none. Only called when {@link #supportsIdempotencyKeys()} is true.
     *
     * @throws StoreFailure when the store cannot be read
     */
    default Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        throw new UnsupportedOperationException(describe() + " does not keep idempotency keys");
    }

    /**
     * Checks that the store is reachable, for health checks and for {@code build()}.
     *
     * @throws StoreFailure when it is not
     */
    void ping();

    /** Where this store keeps numbers, for logs: no passwords or other secrets. */
    String describe();

    /** Releases what the store created itself; a user's {@code DataSource} or client stays open. */
    @Override
    void close();
}
