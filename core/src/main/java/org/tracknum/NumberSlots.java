package org.tracknum;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.tracknum.spi.Reservation;

/**
 * One stripe of the memory store: an open-addressing hash table (linear probing) whose entries
 * live in parallel primitive arrays, so that a held number costs no objects of its own (only the
 * caller's request is referenced). Millions of held numbers then cost the garbage collector
 * nothing to trace or copy, where a map of {@link Reservation} objects made every young
 * collection copy the whole growing store. Numbers ({@code ^[A-Z0-9]{1,16}$}) are packed into two
 * longs by {@link #high} and {@link #low}; a zero high word marks a free slot. Thread-safe by
 * synchronising on the stripe.
 *
 * <p>Requests are appended to a log in issue order and a slot keeps the request's index in that
 * log beside its issue time. A reference array indexed by slot took its writes at random places,
 * and the garbage collector's write barrier then had a card of 128 references to rescan for
 * almost every number stored (G1's concurrent refinement took about a quarter of the CPU of
 * {@code next()} on the memory store); appended in order, a card is dirtied once per 128 numbers.
 */
final class NumberSlots {
    /** Outcome codes of {@link #reserve} and {@link #owner}. */
    static final int ABSENT = 0;
    static final int OURS = 1;
    static final int OTHERS = 2;

    private static final int INITIAL_CAPACITY = 16;
    /**
     * Longs per slot in {@link #table}: number (2), reservation id (2), issue time seconds, and the
     * request's index in {@link #requests} (high 32 bits) with the issue time's nanoseconds (low 32).
     */
    private static final int STRIDE = 6;

    /** Slot i at {@code [i * STRIDE, (i + 1) * STRIDE)}: one or two cache lines per lookup. */
    private long[] table = new long[INITIAL_CAPACITY * STRIDE];
    private int capacity = INITIAL_CAPACITY;
    /** Requests in the order their numbers were stored; {@code size} of them are in use. */
    private ShipmentRequest[] requests = new ShipmentRequest[INITIAL_CAPACITY];
    private int size;

    /** Stores the reservation unless its number is held: {@link #OURS} if stored or already ours, else {@link #OTHERS}. */
    synchronized int reserve(long high, long low, long hash, Reservation r) {
        int at = offset(high, low, hash);
        if (table[at] != 0) {
            return sameId(at, r.reservationId()) ? OURS : OTHERS;
        }
        if ((size + 1) * 4L > capacity * 3L) {
            grow();
            at = offset(high, low, hash);
        }
        if (size == requests.length) {
            requests = Arrays.copyOf(requests, size * 2);
        }
        long[] t = table;
        t[at] = high;
        t[at + 1] = low;
        t[at + 2] = r.reservationId().getMostSignificantBits();
        t[at + 3] = r.reservationId().getLeastSignificantBits();
        t[at + 4] = r.issuedAt().getEpochSecond();
        t[at + 5] = (long) size << 32 | r.issuedAt().getNano();
        requests[size] = r.request();
        size++;
        return OURS;
    }

    /** Who holds the number: {@link #ABSENT}, {@link #OURS} (the given reservation id) or {@link #OTHERS}. */
    synchronized int owner(long high, long low, long hash, UUID reservationId) {
        int at = offset(high, low, hash);
        if (table[at] == 0) {
            return ABSENT;
        }
        return sameId(at, reservationId) ? OURS : OTHERS;
    }

    /** The held number with its request and issue time, or null. */
    synchronized IssuedTrackingNumber find(long high, long low, long hash, String number) {
        int at = offset(high, low, hash);
        if (table[at] == 0) {
            return null;
        }
        long indexAndNanos = table[at + 5];
        return new IssuedTrackingNumber(number, requests[(int) (indexAndNanos >>> 32)],
                Instant.ofEpochSecond(table[at + 4], (int) indexAndNanos));
    }

    synchronized int size() {
        return size;
    }

    private boolean sameId(int at, UUID id) {
        return table[at + 2] == id.getMostSignificantBits() && table[at + 3] == id.getLeastSignificantBits();
    }

    /** The offset of the slot holding the key, or of the free slot where it belongs. */
    private int offset(long high, long low, long hash) {
        long[] t = table;
        int mask = capacity - 1;
        int slot = (int) hash & mask;
        int at = slot * STRIDE;
        while (t[at] != 0 && (t[at] != high || t[at + 1] != low)) {
            slot = (slot + 1) & mask;
            at = slot * STRIDE;
        }
        return at;
    }

    /** Doubles the table; the request log keeps its order and indexes. */
    private void grow() {
        long[] oldTable = table;
        capacity *= 2;
        table = new long[capacity * STRIDE];
        for (int from = 0; from < oldTable.length; from += STRIDE) {
            if (oldTable[from] != 0) {
                int to = offset(oldTable[from], oldTable[from + 1], hash(oldTable[from], oldTable[from + 1]));
                System.arraycopy(oldTable, from, table, to, STRIDE);
            }
        }
    }

    /** Characters 1-10 of the number, 6 bits each (0-9 → 1-10, A-Z → 11-36), or 0 if it is not well formed. */
    static long high(String number) {
        if (number.isEmpty() || number.length() > 16) {
            return 0;
        }
        return pack(number, 0, Math.min(10, number.length()));
    }

    /** Characters 11-16 of the number, packed like {@link #high}. */
    static long low(String number) {
        return number.length() <= 10 ? 0 : pack(number, 10, number.length());
    }

    private static long pack(String number, int from, int to) {
        long packed = 0;
        for (int i = from; i < to; i++) {
            int v = code(number.charAt(i));
            if (v == 0) {
                return 0;
            }
            packed = packed << 6 | v;
        }
        return packed;
    }

    private static int code(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0' + 1;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 11;
        }
        return 0;
    }

    /** A well-mixed hash of a packed number (Stafford's variant 13 of the MurmurHash3 finalizer). */
    static long hash(long high, long low) {
        long z = high * 0x9E3779B97F4A7C15L + low;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
