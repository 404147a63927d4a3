package org.tracknum.benchmarks;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tracknum.BenchmarkCandidates;
import org.tracknum.CandidateSource;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.redis.RedisReservationStore;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code next()} on a {@link RedisReservationStore} with the library's defaults (4 lanes, batches
 * up to 64, a client pool of {@value #POOL_SIZE}), against {@link #baselineSetNx()}: one
 * {@code SET key value NX} round trip per number, with a value of the same size, through a pool of
 * the same size. Each iteration uses a fresh key prefix whose keys are deleted afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class RedisStoreBenchmark {
    /** The pool of a client the store builds: {@code 2 × lanes + 8}. */
    static final int POOL_SIZE = 16;

    private final ShipmentRequest request = Requests.sample();
    private final CandidateSource candidates = BenchmarkCandidates.defaultFormat();
    private final SetParams nx = new SetParams().nx();
    private UnifiedJedis baselineClient;
    private TrackingNumberGenerator generator;
    private String prefix;

    /** A store builder pointing at the server(s), with the durability the server allows. */
    protected abstract RedisReservationStore.Builder storeBuilder();

    /** A client for the baseline with a pool of {@code poolSize} (per node). */
    protected abstract UnifiedJedis baselineClient(ConnectionPoolConfig pool);

    /** Deletes every key under {@code prefix} on every master. */
    protected abstract void deleteKeys(UnifiedJedis client, String prefix);

    protected abstract String service();

    protected abstract String variable();

    protected abstract String address();

    @Setup(Level.Trial)
    public void openBaselineClient() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        try {
            baselineClient = baselineClient(pool);
            baselineClient.ping();
        } catch (RuntimeException e) {
            if (baselineClient != null) {
                baselineClient.close();
            }
            throw Services.unreachable(service(), variable(), address(), e);
        }
    }

    @Setup(Level.Iteration)
    public void freshPrefix() {
        prefix = "tnbench:" + Services.uniqueSuffix() + ":";
        RedisReservationStore store;
        try {
            store = storeBuilder().keyPrefix(prefix).build();
        } catch (TrackingNumberException e) {
            throw Services.unreachable(service(), variable(), address(), e);
        }
        generator = Tuning.generator().store(BatchCounter.wrapIfAsked(store)).build();
    }

    @TearDown(Level.Iteration)
    public void deleteKeys() {
        generator.close();
        deleteKeys(baselineClient, prefix);
    }

    @TearDown(Level.Trial)
    public void closeBaselineClient() {
        baselineClient.close();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public IssuedTrackingNumber next() {
        return generator.next(request);
    }

    @Benchmark
    public String baselineSetNx() {
        String value = "1|" + UUID.randomUUID() + "|" + Instant.now() + "|" + request.originCountryId() + "|"
                + request.destinationCountryId() + "|" + request.weightKg() + "|" + request.createdAt() + "|"
                + request.customerId() + "|" + request.customerSlug() + "|" + request.customerName();
        return baselineClient.set(prefix + candidates.candidate(request), value, nx);
    }
}
