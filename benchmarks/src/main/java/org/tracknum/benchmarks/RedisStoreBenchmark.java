package org.tracknum.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.tracknum.BenchmarkCandidates;
import org.tracknum.CandidateSource;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.redis.RedisReservationStore;
import org.tracknum.CandidateSource;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code next()} on a {@link RedisReservationStore} with the library's defaults (batches up to 64,
 * a client pool of {@value #POOL_SIZE}), against two baselines through a pool of the same size,
 * with values of the same size: {@link #baselineSetNx()}, one {@code SET key value NX} round trip
 * per number, and {@link #baselinePipelinedSetNx()}, pipelines of {@value #KEYS_PER_PIPELINE}
 * {@code SET NX} (on a Cluster, Jedis's {@code ClusterPipeline}: one pipeline per node; scored per
 * key). Each iteration uses a fresh key prefix whose keys are deleted afterwards, outside the CPU
 * interval {@link CpuMeter} counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class RedisStoreBenchmark {
    /** The pool of a client the store builds: {@code 2 × lanes + 8}. */
    static final int POOL_SIZE = 16;
    /** Keys per pipeline of {@link #baselinePipelinedSetNx()}, the store's default maximum batch. */
    static final int KEYS_PER_PIPELINE = 64;

    private final ShipmentRequest request = Requests.sample();
    private final CandidateSource candidates = BenchmarkCandidates.defaultFormat();
    private final SetParams nx = new SetParams().nx();
    private UnifiedJedis baselineClient;
    private TrackingNumberGenerator generator;
    private BulkLoad load;
    private String prefix;

    /** A store builder pointing at the server(s), with the durability the server allows. */
    protected abstract RedisReservationStore.Builder storeBuilder();

    /** A client for the baseline with a pool of {@code poolSize} (per node). */
    protected abstract UnifiedJedis baselineClient(ConnectionPoolConfig pool);

    /** Deletes every key under {@code prefix} on every master. */
    protected abstract void deleteKeys(UnifiedJedis client, String prefix);

    /** The server process(es) behind {@code client}, for {@link CpuMeter}. */
    protected abstract ServerProcess serverProcess(UnifiedJedis client);

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
            CpuMeter.watch(serverProcess(baselineClient));
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
        load = new BulkLoad(request);
        CpuMeter.measurementStarts();
    }

    @TearDown(Level.Iteration)
    public void deleteKeys() {
        CpuMeter.measurementEnds();
        generator.close();
        deleteKeys(baselineClient, prefix);
    }

    @TearDown(Level.Trial)
    public void closeBaselineClient() {
        CpuMeter.watch(ServerProcess.none());
        baselineClient.close();
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
    public String baselineSetNx() {
        return baselineClient.set(prefix + candidates.candidate(request), value(), nx);
    }

    @Benchmark
    @OperationsPerInvocation(KEYS_PER_PIPELINE)
    public int baselinePipelinedSetNx() {
        List<Response<String>> replies = new ArrayList<>(KEYS_PER_PIPELINE);
        try (AbstractPipeline pipeline = baselineClient.pipelined()) {
            for (int i = 0; i < KEYS_PER_PIPELINE; i++) {
                replies.add(pipeline.set(prefix + candidates.candidate(request), value(), nx));
            }
            pipeline.sync();
        }
        int set = 0;
        for (Response<String> reply : replies) {
            if ("OK".equals(reply.get())) {
                set++;
            }
        }
        return set;
    }

    /** A value of the size the store writes: the same fields, a fresh reservation id and time. */
    private String value() {
        return "1|" + UUID.randomUUID() + "|" + Instant.now() + "|" + request.originCountryId() + "|"
                + request.destinationCountryId() + "|" + request.weightKg() + "|" + request.createdAt() + "|"
                + request.customerId() + "|" + request.customerSlug() + "|" + request.customerName();
    }
}
