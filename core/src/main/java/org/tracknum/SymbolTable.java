package org.tracknum;

import java.util.Arrays;

/**
 * The characters of a format alphabet, their values (position in the alphabet, as ISO/IEC 7064
 * counts them) and uniform random draws.
 *
 * <p>Draws take several characters from one CSPRNG word: a word {@code w} accepted for the bound
 * {@code M^k} (see {@link SecureRandomBuffer#nextWord}) makes {@code floor(w * M^k / 2^32)}
 * uniform in {@code [0, M^k)}, and its {@code k} base-{@code M} digits are read off the fraction
 * {@code w / 2^32} by repeated multiplication by {@code M}: {@code k} independent uniform
 * characters for 4 bytes of CSPRNG output and no division (k = 5 for 36 symbols, 6 for 30).
 */
final class SymbolTable {
    private static final long WORD = 1L << 32;

    private final char[] symbols;
    private final byte[] values = new byte[128];
    private final long[] bounds;

    SymbolTable(String characters) {
        this.symbols = characters.toCharArray();
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < symbols.length; i++) {
            values[symbols[i]] = (byte) i;
        }
        int perWord = charactersPerWord(symbols.length);
        this.bounds = new long[perWord + 1];
        bounds[0] = 1;
        for (int k = 1; k <= perWord; k++) {
            bounds[k] = bounds[k - 1] * symbols.length;
        }
    }

    int size() {
        return symbols.length;
    }

    char symbol(int value) {
        return symbols[value];
    }

    /** The character's position in the alphabet, or -1 if it is not in it. */
    int valueOf(char c) {
        return c < 128 ? values[c] : -1;
    }

    boolean contains(char c) {
        return valueOf(c) >= 0;
    }

    /** Fills {@code out[from, from + count)} with independent uniformly distributed characters. */
    void draw(SecureRandomBuffer random, char[] out, int from, int count) {
        int size = symbols.length;
        int end = from + count;
        int i = from;
        while (i < end) {
            int k = Math.min(bounds.length - 1, end - i);
            long fraction = random.nextWord(bounds[k]);
            for (int j = 0; j < k; j++) {
                fraction *= size;
                out[i++] = symbols[(int) (fraction >>> 32)];
                fraction &= WORD - 1;
            }
        }
    }

    /** The k with {@code M^k <= 2^32} that yields the most characters per word after rejections. */
    private static int charactersPerWord(int size) {
        int best = 1;
        double bestYield = 0;
        long bound = size;
        for (int k = 1; bound <= WORD; k++, bound *= size) {
            double yield = k * (1 - (double) (WORD % bound) / WORD);
            if (yield > bestYield) {
                best = k;
                bestYield = yield;
            }
        }
        return best;
    }
}
