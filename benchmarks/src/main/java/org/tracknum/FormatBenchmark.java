package org.tracknum;

import com.github.f4b6a3.tsid.TsidCreator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Generation alone: the default format's candidate draw (per-thread buffered CSPRNG, no store),
 * against tsid-creator's {@code TsidCreator.getTsid().toString()} as a yardstick. Lives in
 * {@code org.tracknum} because the draw is package-private: users only get numbers through a store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FormatBenchmark {
    private final TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
    private final ShipmentRequest request = org.tracknum.benchmarks.Requests.sample();

    @Benchmark
    public String next() {
        return format.candidate(request);
    }

    @Benchmark
    public String baselineTsid() {
        return TsidCreator.getTsid().toString();
    }
}
