package org.tracknum.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;

/**
 * The in-memory store: {@code next()} as a user calls it, against a bare
 * {@code ConcurrentHashMap.putIfAbsent} of a random UUID string (the least any in-process unique
 * id can cost). Each iteration starts from a fresh store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryBenchmark {
    private final ShipmentRequest request = Requests.sample();
    private TrackingNumberGenerator generator;
    private BulkLoad load;
    private ConcurrentHashMap<String, ShipmentRequest> baselineMap;

    @Setup(Level.Iteration)
    public void freshStore() {
        generator = Tuning.generator().store(new MemoryReservationStore()).build();
        baselineMap = new ConcurrentHashMap<>();
        CpuMeter.watch(ServerProcess.none());
        load = new BulkLoad(request);
        CpuMeter.measurementStarts();
    }

    @TearDown(Level.Iteration)
    public void close() {
        CpuMeter.measurementEnds();
        generator.close();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public IssuedTrackingNumber next() {
        return generator.next(request);
    }

    /** {@code next(request, key)} with a fresh key per call: the cost of the key against {@link #next()}. */
    @Benchmark
    public IssuedTrackingNumber nextWithKey() {
        return generator.next(request, load.nextKey());
    }

    /** {@code nextAll} of {@value BulkLoad#BULK} requests, scored per number. */
    @Benchmark
    @OperationsPerInvocation(BulkLoad.BULK)
    public List<IssuedTrackingNumber> nextAllOfTenThousand() {
        return generator.nextAll(load.bulk());
    }

    @Benchmark
    public ShipmentRequest baselinePutIfAbsent() {
        return baselineMap.putIfAbsent(UUID.randomUUID().toString(), request);
    }
}
