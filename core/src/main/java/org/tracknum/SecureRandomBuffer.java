package org.tracknum;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Per-thread buffered CSPRNG output. Each thread owns a {@code DRBG} {@link SecureRandom} (no lock
 * shared between threads; the platform default {@code NativePRNG} serialises every caller on one
 * lock) and draws bytes from a buffer refilled in large blocks, so that the cost of the generator
 * is amortised over many numbers.
 *
 * <p>Bounded draws use Lemire's multiply-and-reject method ("Fast Random Integer Generation in an
 * Interval", ACM TOMACS 2019): a 32-bit word {@code w} is accepted for a bound {@code b} unless the
 * low 32 bits of {@code w * b} fall below {@code 2^32 mod b}; then {@code (w * b) >>> 32} is
 * exactly uniform in {@code [0, b)}. Callers that need several small values (characters) take the
 * accepted word itself, see {@link SymbolTable}.
 */
final class SecureRandomBuffer {
    private static final int SIZE = 1024;
    private static final long WORD = 1L << 32;
    private static final ThreadLocal<SecureRandomBuffer> LOCAL = ThreadLocal.withInitial(SecureRandomBuffer::new);

    private final SecureRandom random = newSecureRandom();
    private final byte[] buffer = new byte[SIZE];
    private int position = SIZE;

    static SecureRandomBuffer current() {
        return LOCAL.get();
    }

    /** A uniformly distributed value in {@code [0, bound)}, {@code bound >= 1}; 4 bytes of CSPRNG output. */
    int nextInt(int bound) {
        return (int) ((nextWord(bound) * bound) >>> 32);
    }

    /**
     * A 32-bit word {@code w} (as a non-negative long) such that {@code floor(w * bound / 2^32)} is
     * uniformly distributed in {@code [0, bound)}, for {@code 1 <= bound <= 2^32}.
     */
    long nextWord(long bound) {
        while (true) {
            long word = nextUnsignedInt();
            long low = (word * bound) & (WORD - 1);
            if (low >= bound || low >= WORD % bound) {
                return word;
            }
        }
    }

    /** A uniformly distributed value in {@code [0, bound)}, {@code bound >= 1}. */
    long nextLong(long bound) {
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        while (true) {
            long v = (nextUnsignedInt() << 32 | nextUnsignedInt()) & Long.MAX_VALUE;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    private long nextUnsignedInt() {
        if (position > SIZE - 4) {
            random.nextBytes(buffer);
            position = 0;
        }
        byte[] b = buffer;
        int p = position;
        position = p + 4;
        return (b[p] & 0xffL) << 24 | (b[p + 1] & 0xffL) << 16 | (b[p + 2] & 0xffL) << 8 | (b[p + 3] & 0xffL);
    }

    private static SecureRandom newSecureRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
