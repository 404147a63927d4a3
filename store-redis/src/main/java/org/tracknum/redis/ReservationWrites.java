package org.tracknum.redis;

import java.util.Arrays;
import java.util.List;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;

/**
 * The writes of one {@code reserve} or {@code verify} call, in rounds: each round is one
 * {@link WriteBatch} (one pipeline per node) holding the next write of every reservation that
 * still needs one. A reservation without an idempotency key needs one write, its
 * {@code SET number value NX GET}, so a batch of those is one round, as it always was.
 *
 * <p>A reservation with a key follows the claim protocol (docs/redis.md, "Idempotency keys"),
 * one step per round, every step a single-key command so that the claim and the number may live
 * in different Cluster slots:
 * <ol>
 *   <li><b>claim</b>: {@code SET claim value NX GET}. Nil or our own value: we hold the claim.
 *       Any other claim is adopted: we complete it instead of ours.</li>
 *   <li><b>number</b>: {@code SET number claim-value NX GET}, with the claim's own value (its
 *       reservation id, number, issue time and request). Nil or that value: the claim is
 *       settled — {@code RESERVED} if it is ours, {@code KEY_HELD} with the claim's number if not.
 *       Another value: the claimed number belongs to someone else, so the claim can never be
 *       settled; ours → {@code TAKEN} (the generator brings a fresh candidate), adopted → step 3.</li>
 *   <li><b>swap</b>: replace the dead claim by ours with the one-key compare-and-set script. Its
 *       reply is the claim afterwards: ours → step 2 with ours; another → adopt it, step 2;
 *       none → step 1.</li>
 * </ol>
 * Every step can be re-sent with the same values (the generator's {@code verify}) and recognises
 * its own earlier effect by the reservation id, so an ambiguous step is settled by repeating it.
 */
final class ReservationWrites {
    /** Writes per keyed reservation and call before it is reported ambiguous (the claim kept changing). */
    static final int MAX_STEPS = 8;

    private enum Step { CLAIM, NUMBER, SWAP }

    private final List<Reservation> reservations;
    private final String prefix;
    private final String[] values;
    private final ReservationOutcome[] outcomes;
    private final Step[] next;
    private final IdempotencyClaim[] claims;
    private final int[] steps;

    ReservationWrites(List<Reservation> reservations, String prefix) {
        int size = reservations.size();
        this.reservations = reservations;
        this.prefix = prefix;
        this.values = new String[size];
        this.outcomes = new ReservationOutcome[size];
        this.next = new Step[size];
        this.claims = new IdempotencyClaim[size];
        this.steps = new int[size];
        for (int i = 0; i < size; i++) {
            Reservation reservation = reservations.get(i);
            try {
                values[i] = StoredValue.encode(reservation);
                next[i] = reservation.hasIdempotencyKey() ? Step.CLAIM : Step.NUMBER;
            } catch (IllegalArgumentException e) {
                outcomes[i] = ReservationOutcome.fatal(new StoreFailure(Status.FATAL,
                        "the request cannot be stored: " + e.getMessage(), null));
            }
        }
    }

    /** Runs rounds through {@code routing} until every reservation has an outcome. */
    List<ReservationOutcome> run(Routing routing) {
        int[] owners = new int[reservations.size()];
        while (true) {
            WriteBatch round = new WriteBatch(reservations.size());
            for (int i = 0; i < next.length; i++) {
                if (next[i] != null) {
                    owners[round.size()] = i;
                    add(round, i);
                }
            }
            if (round.isEmpty()) {
                return List.copyOf(Arrays.asList(outcomes));
            }
            routing.write(round);
            for (int w = 0; w < round.size(); w++) {
                advance(owners[w], round, w);
            }
        }
    }

    private void add(WriteBatch round, int i) {
        Reservation reservation = reservations.get(i);
        switch (next[i]) {
            case CLAIM:
                round.setIfAbsent(IdempotencyClaim.key(prefix, reservation), values[i]);
                break;
            case SWAP:
                round.swap(IdempotencyClaim.key(prefix, reservation), claims[i].value(), values[i]);
                break;
            case NUMBER:
            default:
                IdempotencyClaim claim = claims[i];
                if (claim == null) {
                    round.setIfAbsent(prefix + reservation.trackingNumber(), values[i]);
                } else {
                    round.setIfAbsent(prefix + claim.trackingNumber(), claim.value());
                }
        }
    }

    private void advance(int i, WriteBatch round, int w) {
        Step step = next[i];
        next[i] = null;
        ReservationOutcome failure = round.failure(w);
        if (failure != null) {
            outcomes[i] = failure;
            return;
        }
        Reservation reservation = reservations.get(i);
        if (!reservation.hasIdempotencyKey()) {
            outcomes[i] = Replies.ofOldValue(reservation, round.reply(w));
            return;
        }
        try {
            if (step == Step.NUMBER) {
                numberWritten(i, reservation, round.holdsOwnValue(w));
            } else {
                claimRead(i, reservation, round.holdsOwnValue(w) ? values[i] : round.reply(w));
            }
        } catch (IllegalArgumentException e) {
            outcomes[i] = ReservationOutcome.fatal(new StoreFailure(Status.FATAL, "the claim of an idempotency key"
                    + " under " + prefix + " is unreadable: " + e.getMessage(), null));
            return;
        }
        if (next[i] != null && ++steps[i] >= MAX_STEPS) {
            next[i] = null;
            outcomes[i] = ReservationOutcome.ambiguous(new StoreFailure(Status.AMBIGUOUS, "the claim of an"
                    + " idempotency key changed " + MAX_STEPS + " times within one call", null));
        }
    }

    /** After step 1 or 3: {@code claim} is the key's claim now ({@code null}: none). */
    private void claimRead(int i, Reservation reservation, String claim) {
        if (claim == null) {
            next[i] = Step.CLAIM;
            return;
        }
        claims[i] = claim.equals(values[i])
                ? IdempotencyClaim.of(reservation, claim)
                : IdempotencyClaim.parse(claim, reservation.request().customerId(), reservation.idempotencyKey());
        next[i] = Step.NUMBER;
    }

    /** After step 2: did the claim's number key take (or already hold) the claim's value? */
    private void numberWritten(int i, Reservation reservation, boolean settled) {
        IdempotencyClaim claim = claims[i];
        if (settled) {
            outcomes[i] = claim.isOf(reservation) ? ReservationOutcome.RESERVED : ReservationOutcome.keyHeld(claim.issued());
        } else if (claim.isOf(reservation)) {
            outcomes[i] = ReservationOutcome.TAKEN;
        } else {
            next[i] = Step.SWAP;
        }
    }
}
