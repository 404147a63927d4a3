package org.tracknum.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collections;
import java.util.Properties;
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
import org.tracknum.jdbc.JdbcReservationStore;

/**
 * {@code next()} on a {@link JdbcReservationStore} built from a URL with the library's defaults
 * (pool of {@value #POOL_SIZE}, batches up to 64, strict durability), against two baselines through
 * a HikariCP pool of the same size, autocommitted, writing the same rows:
 * {@link #baselineSingleInsert()}, one plain INSERT per number (the reference's approach), and
 * {@link #baselineMultiRowInsert()}, one INSERT of {@value #ROWS_PER_INSERT} rows in one
 * multi-VALUES statement (the database's own batch limit; scored per row). Each iteration writes
 * into a fresh table, dropped afterwards; {@link CpuMeter} counts the CPU between the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class JdbcBenchmark {
    /** The store's default pool size ({@code tracknum.jdbc.pool-size}). */
    static final int POOL_SIZE = 8;
    /** Rows per statement of {@link #baselineMultiRowInsert()}, the store's default maximum batch. */
    static final int ROWS_PER_INSERT = 64;
    private static final String COLUMNS = "tracking_number, reservation_id, origin_country_id,"
            + " destination_country_id, weight_kg, created_at, customer_id, customer_name, customer_slug, issued_at";
    private static final int COLUMN_COUNT = 10;

    private final ShipmentRequest request = Requests.sample();
    private final CandidateSource candidates = BenchmarkCandidates.defaultFormat();
    private HikariDataSource baselinePool;
    private TrackingNumberGenerator generator;
    private BulkLoad load;
    private String table;
    private String insert;
    private String multiRowInsert;

    /** The database's JDBC URL. */
    protected abstract String url();

    /** For messages: the database's name and the variable that points at it. */
    protected abstract String service();

    protected abstract String variable();

    /** Whether id columns are SQL {@code UUID} (PostgreSQL) rather than {@code CHAR(36)}. */
    protected boolean uuidColumns() {
        return false;
    }

    /** Driver properties of the baseline's pool (e.g. SQLite pragmas). */
    protected Properties baselineProperties() {
        return new Properties();
    }

    /** The database's server process(es) on this host, found through {@code c}; none for an embedded database. */
    protected ServerProcess serverProcess(Connection c) {
        return ServerProcess.none();
    }

    /** Called once before the first iteration (e.g. to make a directory for a file database). */
    protected void beforeTrial() {
    }

    /** Called once after the last iteration. */
    protected void afterTrial() {
    }

    @Setup(Level.Trial)
    public void openBaselinePool() {
        beforeTrial();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setMaximumPoolSize(Tuning.poolSize(POOL_SIZE));
        config.setMinimumIdle(Tuning.poolSize(POOL_SIZE));
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.setDataSourceProperties(baselineProperties());
        baselinePool = new HikariDataSource(config);
        try (Connection c = baselinePool.getConnection()) {
            CpuMeter.watch(serverProcess(c));
        } catch (SQLException e) {
            throw Services.unreachable(service(), variable(), url(), new IllegalStateException(e.getMessage(), e));
        }
    }

    @Setup(Level.Iteration)
    public void freshTable() {
        table = "bench_" + Services.uniqueSuffix();
        JdbcReservationStore store;
        try {
            store = JdbcReservationStore.builder().url(url()).table(table).poolSize(Tuning.poolSize(POOL_SIZE)).build();
        } catch (TrackingNumberException e) {
            throw Services.unreachable(service(), variable(), url(), e);
        }
        generator = Tuning.generator().store(BatchCounter.wrapIfAsked(store)).build();
        String row = "(" + "?, ".repeat(COLUMN_COUNT - 1) + "?)";
        insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES " + row;
        multiRowInsert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(ROWS_PER_INSERT, row));
        load = new BulkLoad(request);
        CpuMeter.measurementStarts();
    }

    @TearDown(Level.Iteration)
    public void dropTable() throws SQLException {
        CpuMeter.measurementEnds();
        generator.close();
        try (Connection c = baselinePool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }

    @TearDown(Level.Trial)
    public void closeBaselinePool() {
        try {
            CpuMeter.watch(ServerProcess.none());
            baselinePool.close();
        } finally {
            afterTrial();
        }
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
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public int baselineSingleInsert() throws SQLException {
        try (Connection c = baselinePool.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            bindRow(ps, 0, Instant.now().toString());
            return ps.executeUpdate();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_INSERT)
    public int baselineMultiRowInsert() throws SQLException {
        String issuedAt = Instant.now().toString();
        try (Connection c = baselinePool.getConnection(); PreparedStatement ps = c.prepareStatement(multiRowInsert)) {
            for (int i = 0; i < ROWS_PER_INSERT; i++) {
                bindRow(ps, i * COLUMN_COUNT, issuedAt);
            }
            return ps.executeUpdate();
        }
    }

    /** Binds one row of the same values the store writes, with a fresh number, from parameter {@code offset + 1}. */
    private void bindRow(PreparedStatement ps, int offset, String issuedAt) throws SQLException {
        ps.setString(offset + 1, candidates.candidate(request));
        setId(ps, offset + 2, UUID.randomUUID());
        ps.setString(offset + 3, request.originCountryId());
        ps.setString(offset + 4, request.destinationCountryId());
        ps.setBigDecimal(offset + 5, request.weightKg());
        ps.setString(offset + 6, request.createdAt().toString());
        setId(ps, offset + 7, request.customerId());
        ps.setString(offset + 8, request.customerName());
        ps.setString(offset + 9, request.customerSlug());
        ps.setString(offset + 10, issuedAt);
    }

    private void setId(PreparedStatement ps, int index, UUID id) throws SQLException {
        if (uuidColumns()) {
            ps.setObject(index, id);
        } else {
            ps.setString(index, id.toString());
        }
    }
}
