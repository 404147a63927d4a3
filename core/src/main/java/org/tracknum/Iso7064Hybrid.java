package org.tracknum;

/**
 * The ISO/IEC 7064 hybrid check character system MOD (M+1, M) over an alphabet of M characters
 * (MOD 11,10 for digits, MOD 37,36 for {@code [0-9A-Z]}, MOD 31,30 for the look-alike-free
 * alphabet). Characters are fed as values in {@code [0, M)}, left to right:
 *
 * <pre>
 *   P = M;  for each value a: S = (P + a) mod M, with 0 read as M;  P = 2S mod (M+1)
 *   check value = (M + 1 - P) mod M      (so that the check value fed as one more step leaves S = 1)
 * </pre>
 *
 * With M even, both steps are bijections, so every single-character substitution changes the
 * check value and is detected.
 */
final class Iso7064Hybrid {
    private final int modulus;

    Iso7064Hybrid(int modulus) {
        if (modulus < 2 || modulus % 2 != 0) {
            throw new IllegalArgumentException("the hybrid system needs an even alphabet size, got " + modulus);
        }
        this.modulus = modulus;
    }

    /** The state before the first character. */
    int start() {
        return modulus;
    }

    /** The state after feeding {@code value} ({@code 0 <= value < M}) in {@code state}. */
    int next(int state, int value) {
        int s = (state + value) % modulus;
        return (s == 0 ? modulus : s) * 2 % (modulus + 1);
    }

    /** The value of the check character after all the characters that it protects. */
    int checkValue(int state) {
        return (modulus + 1 - state) % modulus;
    }

    /** The standard's designation, e.g. {@code MOD 37,36}. */
    @Override
    public String toString() {
        return "MOD " + (modulus + 1) + "," + modulus;
    }
}
