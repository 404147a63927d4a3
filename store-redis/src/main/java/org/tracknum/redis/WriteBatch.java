package org.tracknum.redis;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.tracknum.spi.ReservationOutcome;

/**
 * One round of single-key writes on its way to Redis, and the slots that routing fills in. Each
 * write is a {@code SET key value NX GET} (its reply: the key's old value, {@code null} if it
 * stored ours) or a compare-and-set of a claim by the one-key script {@link #SWAP_SCRIPT} (its
 * reply: the key's value afterwards). A write ends with a reply or with a failure outcome (not
 * sent, no reply, an error reply); an {@code ASK} failure may be replaced by a reply when routing
 * re-sends the write.
 */
final class WriteBatch {
    /**
     * Replaces the value of {@code KEYS[1]} by {@code ARGV[2]} if it is exactly {@code ARGV[1]}, and
     * returns the value afterwards (nil if the key is absent). One key only, so it runs on a
     * Cluster like any single-key command.
     */
    static final String SWAP_SCRIPT = "local v = redis.call('GET', KEYS[1]) "
            + "if v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return ARGV[2] end return v";

    private String[] keys;
    private String[] values;
    private String[] expected;
    private String[] replies;
    private boolean[] answered;
    private ReservationOutcome[] failures;
    private int size;

    WriteBatch(int capacity) {
        int length = Math.max(1, capacity);
        keys = new String[length];
        values = new String[length];
        expected = new String[length];
        replies = new String[length];
        answered = new boolean[length];
        failures = new ReservationOutcome[length];
    }

    /** Adds {@code SET key value NX GET}; returns its index. */
    int setIfAbsent(String key, String value) {
        return add(key, value, null);
    }

    /** Adds the swap of {@code key}'s value {@code old} for {@code value}; returns its index. */
    int swap(String key, String old, String value) {
        return add(key, value, old);
    }

    private int add(String key, String value, String old) {
        if (size == keys.length) {
            int length = size * 2;
            keys = Arrays.copyOf(keys, length);
            values = Arrays.copyOf(values, length);
            expected = Arrays.copyOf(expected, length);
            replies = Arrays.copyOf(replies, length);
            answered = Arrays.copyOf(answered, length);
            failures = Arrays.copyOf(failures, length);
        }
        keys[size] = key;
        values[size] = value;
        expected[size] = old;
        return size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    String key(int index) {
        return keys[index];
    }

    String value(int index) {
        return values[index];
    }

    /** True for a swap, false for a {@code SET NX GET}. */
    boolean isSwap(int index) {
        return expected[index] != null;
    }

    /** The value a swap replaces. */
    String expected(int index) {
        return expected[index];
    }

    /** Indexes of the writes that have neither a reply nor a failure yet. */
    int[] pending() {
        return IntStream.range(0, size).filter(i -> !answered[i] && failures[i] == null).toArray();
    }

    void reply(int index, String reply) {
        replies[index] = reply;
        answered[index] = true;
        failures[index] = null;
    }

    /** Records a failure: the write's outcome for every reservation that depends on it. */
    void set(int index, ReservationOutcome failure) {
        failures[index] = failure;
        answered[index] = false;
    }

    /** The failure of the write, or {@code null} if it has a reply. */
    ReservationOutcome failure(int index) {
        return failures[index];
    }

    String reply(int index) {
        return replies[index];
    }

    /**
     * True if, after its reply, the key holds this write's value: a {@code SET NX} that stored it
     * or found it stored by the same reservation id, a swap that replaced it or found it replaced.
     */
    boolean holdsOwnValue(int index) {
        if (!answered[index]) {
            return false;
        }
        String reply = replies[index];
        if (reply == null) {
            return !isSwap(index);
        }
        String token = StoredValue.token(values[index]);
        return token != null && token.equals(StoredValue.token(reply));
    }

    /**
     * {@code WAIT} saw too few replicas: a write whose key holds its value is not known to be
     * replicated, and fails with {@code outcome}.
     */
    void unreplicated(int index, ReservationOutcome outcome) {
        if (holdsOwnValue(index)) {
            set(index, outcome);
        }
    }
}
