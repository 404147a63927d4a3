package org.tracknum.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves that the suite runs (not how fast): the benchmarks that need no service, in this JVM,
 * with one 100 ms iteration each and the CPU profiler on. The figures come from
 * {@code benchmarks/run.sh}.
 */
class SuiteSmokeTest {
    private static ChainedOptionsBuilder briefly() {
        return new OptionsBuilder()
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(2)
                .addProfiler(CpuProfiler.class)
                .shouldFailOnError(true);
    }

    @Test
    void benchmarksWithoutServicesRunAndReportAScoreAndCpuPerNumber() throws RunnerException {
        Collection<RunResult> results = new Runner(briefly()
                .include("org.tracknum.FormatBenchmark")
                .include("org.tracknum.benchmarks.MemoryBenchmark.(next|baselinePutIfAbsent)$")
                .build()).run();
        // Format: next, baselineTsid; Memory: next (throughput, sample time), baselinePutIfAbsent.
        assertThat(results).hasSize(5);
        for (RunResult result : results) {
            assertScoreAndJvmCpu(result);
        }
    }

    @Test
    void keyedAndBulkBenchmarksRunOnTheMemoryStore() throws RunnerException {
        Collection<RunResult> results = new Runner(briefly()
                .include("org.tracknum.benchmarks.MemoryBenchmark.(nextWithKey|nextAllOfTenThousand)$")
                .build()).run();
        assertThat(results).hasSize(2);
        for (RunResult result : results) {
            assertScoreAndJvmCpu(result);
        }
    }

    @Test
    void roundTripBenchmarkRunsForEachRoundTrip() throws RunnerException {
        Collection<RunResult> results = new Runner(briefly()
                .include("org.tracknum.benchmarks.RoundTripBenchmark.next$")
                .build()).run();
        assertThat(results).hasSize(2); // roundTripMicros 200 and 500
        for (RunResult result : results) {
            assertScoreAndJvmCpu(result);
        }
    }

    @Test
    void multiRowInsertBaselinesOfTheEmbeddedDatabasesRun() throws RunnerException {
        Collection<RunResult> results = new Runner(briefly()
                .include("org.tracknum.benchmarks.(H2|Sqlite)Benchmark.baselineMultiRowInsert")
                .build()).run();
        assertThat(results).hasSize(2);
        for (RunResult result : results) {
            assertScoreAndJvmCpu(result);
        }
    }

    private static void assertScoreAndJvmCpu(RunResult result) {
        String name = result.getParams().getBenchmark() + " " + result.getParams().getMode();
        assertThat(result.getPrimaryResult().getScore()).as(name).isPositive();
        Result<?> cpu = result.getSecondaryResults().get("cpu.jvm");
        assertThat(cpu).as(name + " cpu.jvm").isNotNull();
        assertThat(cpu.getScore()).as(name + " cpu.jvm").isPositive();
        // The embedded stores run in this JVM: no server CPU is claimed for them.
        assertThat(result.getSecondaryResults()).as(name).doesNotContainKey("cpu.server");
    }
}
