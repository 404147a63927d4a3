package org.tracknum.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupWaitBackoffTest {

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        for (int attempt = 1; attempt < 40; attempt++) {
            long ceiling = Math.min(100_000_000L << Math.min(attempt - 1, 20), 2_000_000_000L);
            long pause = StartupWait.pauseNanos(attempt);
            assertThat(pause).as("pause before attempt %d", attempt + 1).isBetween(ceiling / 2, ceiling);
        }
    }
}
