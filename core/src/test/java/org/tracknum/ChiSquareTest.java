package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The uniformity tests are only as good as their p-values: check them against published quantiles. */
class ChiSquareTest {

    @Test
    void pValuesMatchPublishedQuantiles() {
        assertThat(ChiSquare.pValue(3.841459, 1)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquare.pValue(18.307038, 10)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquare.pValue(6.634897, 1)).isCloseTo(0.01, within(1e-6));
        assertThat(ChiSquare.pValue(49.801850, 35)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquare.pValue(2.0, 2)).isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(ChiSquare.pValue(40.0, 4)).isCloseTo(Math.exp(-20) * 21, within(1e-15));
    }

    @Test
    void statisticOfEqualCountsIsZeroAndOfSkewedCountsLarge() {
        assertThat(ChiSquare.statistic(new long[] {100, 100, 100})).isZero();
        assertThat(ChiSquare.pValue(ChiSquare.statistic(new long[] {1200, 1000, 800}), 2)).isLessThan(1e-6);
    }
}
