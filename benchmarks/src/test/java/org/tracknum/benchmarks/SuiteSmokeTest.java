package org.tracknum.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves that the suite runs (not how fast): the benchmarks that need no service, in this JVM,
 * with one 100 ms iteration each. The figures come from {@code benchmarks/run.sh}.
 */
class SuiteSmokeTest {
    @Test
    void benchmarksWithoutServicesRunAndReportAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org.tracknum.FormatBenchmark")
                .include("org.tracknum.benchmarks.MemoryBenchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(2)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        // Format: next, baselineTsid; Memory: next (throughput, sample time), baselinePutIfAbsent.
        assertThat(results).hasSize(5);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive();
        }
    }
}
