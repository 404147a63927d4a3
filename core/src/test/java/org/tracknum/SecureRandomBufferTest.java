package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The bounded draws are exactly uniform, where the naive modulo is visibly biased. */
class SecureRandomBufferTest {
    private static final int DRAWS = 60_000;
    /** 3 * 2^30: {@code word % BOUND} lands in the first third twice as often as in the others. */
    private static final long BOUND = 3L << 30;

    @Test
    void nextIntIsUniformWhereModuloIsNot() {
        SecureRandomBuffer random = SecureRandomBuffer.current();
        long[] lemire = new long[3];
        long[] modulo = new long[3];
        for (int i = 0; i < DRAWS; i++) {
            long word = random.nextWord(BOUND);
            lemire[(int) (((word * BOUND) >>> 32) >>> 30)]++;
            modulo[(int) ((random.nextWord(1L << 32) % BOUND) >>> 30)]++;
        }
        double p = ChiSquare.pValue(ChiSquare.statistic(lemire), 2);
        double pModulo = ChiSquare.pValue(ChiSquare.statistic(modulo), 2);
        System.out.printf("nextWord thirds of [0, 3*2^30): chi2 p=%.3g (naive modulo: p=%.3g)%n", p, pModulo);
        assertThat(p).isGreaterThan(1e-6);
        assertThat(pModulo).as("the chi-square test sees the modulo bias").isLessThan(1e-6);
    }

    @Test
    void boundsAreRespected() {
        SecureRandomBuffer random = SecureRandomBuffer.current();
        for (int i = 0; i < 10_000; i++) {
            assertThat(random.nextInt(1)).isZero();
            assertThat(random.nextInt(7)).isBetween(0, 6);
            assertThat(random.nextInt(Integer.MAX_VALUE)).isBetween(0, Integer.MAX_VALUE - 1);
            assertThat(random.nextLong(3)).isBetween(0L, 2L);
            assertThat(random.nextWord(1L << 32)).isBetween(0L, (1L << 32) - 1);
        }
    }

    @Test
    void eachThreadOwnsItsBuffer() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            SecureRandomBuffer other = executor.submit(SecureRandomBuffer::current).get();
            assertThat(other).isNotSameAs(SecureRandomBuffer.current());
        } finally {
            executor.shutdownNow();
        }
    }
}
