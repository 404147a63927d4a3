package org.tracknum.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, beside the score: {@code -prof org.tracknum.benchmarks.CpuProfiler}.
 * An operation is one issued number (or one row or key of a baseline: the baselines that write 64
 * at once declare {@code @OperationsPerInvocation(64)}). Reports, per iteration and averaged:
 * {@code cpu.jvm} (µs of this JVM's CPU per operation, user + system), {@code cpu.jvm.sys} (its
 * kernel part), {@code cpu.server} (the database's or Redis's processes, when they run on this
 * host), {@code cpu.total}, and the cores each used on average ({@code cpu.jvm.cores},
 * {@code cpu.server.cores}). Operations are all those of the iteration, including JMH's
 * synchronisation phases, which fall inside the measured CPU interval too.
 *
 * <p>The server's processes serve every client: on a shared server another client's work counts
 * here, so this is only meaningful on an otherwise idle machine.
 */
public final class CpuProfiler implements InternalProfiler {
    private CpuMeter.Reading iterationStart;

    @Override
    public String getDescription() {
        return "CPU time per operation of this JVM and of the store's server processes (/proc)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        CpuMeter.reset();
        iterationStart = CpuMeter.read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        CpuMeter.Reading used = CpuMeter.marked();
        if (used == null) {
            used = CpuMeter.read().minus(iterationStart);
        }
        long ops = result.getMetadata().getAllOps();
        List<Result> out = new ArrayList<>();
        if (ops <= 0 || used.wall() <= 0) {
            return out;
        }
        double wall = used.wall();
        out.add(perOp("cpu.jvm", used.jvm(), ops));
        if (used.jvmSystem() >= 0) {
            out.add(perOp("cpu.jvm.sys", used.jvmSystem(), ops));
        }
        out.add(new ScalarResult("cpu.jvm.cores", used.jvm() / wall, "cores", AggregationPolicy.AVG));
        if (used.server() >= 0) {
            out.add(perOp("cpu.server", used.server(), ops));
            out.add(perOp("cpu.total", used.jvm() + used.server(), ops));
            out.add(new ScalarResult("cpu.server.cores", used.server() / wall, "cores", AggregationPolicy.AVG));
        }
        return out;
    }

    private static ScalarResult perOp(String label, long nanos, long ops) {
        return new ScalarResult(label, nanos / 1e3 / ops, "us/op", AggregationPolicy.AVG);
    }
}
