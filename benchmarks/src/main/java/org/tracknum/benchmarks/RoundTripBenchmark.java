package org.tracknum.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * What the JVM itself pays per number when callers block on a remote store, without any driver,
 * socket or database: {@code next()} on the memory store, each batch held for a fixed round trip
 * ({@code roundTripMicros}, a parked wait that costs no CPU) as a network store would hold it. At
 * 32 threads its {@code cpu.jvm} per number is the floor of the JVM share of the PostgreSQL,
 * MariaDB and Redis figures: batching, the hand-off of blocked callers (one park and one wake-up
 * each) and the candidate draw. Not a store to use: it only measures the generator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoundTripBenchmark {
    /** About a PostgreSQL batch's round trip at 32 threads (500) and a Redis pipeline's (200). */
    @Param({"200", "500"})
    public int roundTripMicros;

    private final ShipmentRequest request = Requests.sample();
    private TrackingNumberGenerator generator;

    @Setup(Level.Iteration)
    public void freshStore() {
        generator = Tuning.generator()
                .store(new RoundTrip(new MemoryReservationStore(), TimeUnit.MICROSECONDS.toNanos(roundTripMicros)))
                .build();
        CpuMeter.watch(ServerProcess.none());
        CpuMeter.measurementStarts();
    }

    @TearDown(Level.Iteration)
    public void close() {
        CpuMeter.measurementEnds();
        generator.close();
    }

    @Benchmark
    public IssuedTrackingNumber next() {
        return generator.next(request);
    }

    /** The memory store, with every batch write held for the round trip before it returns. */
    private static final class RoundTrip extends ForwardingStore {
        private final long nanos;

        RoundTrip(ReservationStore store, long nanos) {
            super(store);
            this.nanos = nanos;
        }

        @Override
        public List<ReservationOutcome> reserve(List<Reservation> batch) {
            List<ReservationOutcome> outcomes = store.reserve(batch);
            long until = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            return outcomes;
        }

        @Override
        public String describe() {
            return "memory store behind a " + nanos / 1000 + " us round trip";
        }
    }
}
