package org.tracknum;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Per-thread buffered CSPRNG output. Each thread owns a {@code DRBG} {@link SecureRandom} (no lock
 * shared between threads; the platform default {@code NativePRNG} serialises every caller on one
 * lock) and draws bytes from a buffer refilled in large blocks, so that the cost of the generator
 * is amortised over many numbers.
 */
final class SecureRandomBuffer {
    private static final int SIZE = 1024;
    private static final ThreadLocal<SecureRandomBuffer> LOCAL = ThreadLocal.withInitial(SecureRandomBuffer::new);

    private final SecureRandom random = newSecureRandom();
    private final byte[] buffer = new byte[SIZE];
    private int position = SIZE;

    static SecureRandomBuffer current() {
        return LOCAL.get();
    }

    /** A uniformly distributed value in {@code [0, bound)}, {@code 1 <= bound <= 256}. */
    int nextInt(int bound) {
        int limit = 256 - (256 % bound);
        while (true) {
            int b = nextByte();
            if (b < limit) {
                return b % bound;
            }
        }
    }

    /** A uniformly distributed value in {@code [0, bound)}, {@code bound >= 1}. */
    long nextLong(long bound) {
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        while (true) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | nextByte();
            }
            v &= Long.MAX_VALUE;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    private int nextByte() {
        if (position == SIZE) {
            random.nextBytes(buffer);
            position = 0;
        }
        return buffer[position++] & 0xff;
    }

    private static SecureRandom newSecureRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
