package org.tracknum.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.jdbc.JdbcReservationStore;

/**
 * Table growth on PostgreSQL: {@code next()} (32 threads unless {@code -t} says otherwise) against
 * a table that already holds {@link #prefilled} numbers, beside the same with an empty table
 * ({@code prefilled=0}), in one run: {@code -p prefilled=0,10000000}. The table is created by the
 * store and filled once per trial, before the first iteration and outside every measurement, by
 * one {@code INSERT ... SELECT} over {@code generate_series} per million rows: numbers of the
 * default format ({@code MYID} + 12 characters of {@code [0-9A-Z]} drawn by PostgreSQL's
 * {@code random()}), so the primary key grows by scattered inserts as it does in use, with the
 * same request columns the store writes. Then {@code VACUUM ANALYZE} and a {@code CHECKPOINT}, so
 * the fill's writes do not land in the measurement. The filled table is kept across iterations
 * (the numbers they issue stay, a few percent of a large fill); with {@code prefilled=0} it is
 * emptied before each iteration. It is dropped at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(32)
public class PostgresGrowthBenchmark {
    private static final int FILL_CHUNK = 1_000_000;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Numbers in the table before the first iteration. */
    @Param({"0", "10000000"})
    public long prefilled;

    private final ShipmentRequest request = Requests.sample();
    private String table;
    private TrackingNumberGenerator generator;

    @Setup(Level.Trial)
    public void createAndFill() throws SQLException {
        table = "bench_growth_" + Services.uniqueSuffix();
        openStore().close();
        try (Connection c = connect()) {
            CpuMeter.watch(ServerProcess.postgres(c));
            fill(c);
        }
    }

    @Setup(Level.Iteration)
    public void openGenerator() throws SQLException {
        if (prefilled == 0) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + table);
            }
        }
        generator = Tuning.generator().store(BatchCounter.wrapIfAsked(openStore())).build();
        CpuMeter.measurementStarts();
    }

    @TearDown(Level.Iteration)
    public void closeGenerator() {
        CpuMeter.measurementEnds();
        generator.close();
    }

    @TearDown(Level.Trial)
    public void drop() throws SQLException {
        CpuMeter.watch(ServerProcess.none());
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }

    @Benchmark
    public IssuedTrackingNumber next() {
        return generator.next(request);
    }

    private JdbcReservationStore openStore() {
        try {
            return JdbcReservationStore.builder().url(Services.postgresUrl()).table(table)
                    .poolSize(Tuning.poolSize(JdbcBenchmark.POOL_SIZE)).build();
        } catch (TrackingNumberException e) {
            throw Services.unreachable("PostgreSQL", Services.POSTGRES, Services.postgresUrl(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(Services.postgresUrl());
    }

    private void fill(Connection c) throws SQLException {
        if (prefilled <= 0) {
            return;
        }
        long started = System.nanoTime();
        String randomPart = String.join(" || ", Collections.nCopies(12,
                "substr('" + ALPHABET + "', 1 + floor(random() * 36)::int, 1)"));
        String sql = "INSERT INTO " + table + " (tracking_number, reservation_id, origin_country_id,"
                + " destination_country_id, weight_kg, created_at, customer_id, customer_name, customer_slug, issued_at)"
                + " SELECT ? || " + randomPart + ", gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?,"
                + " to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '000Z'"
                + " FROM generate_series(1, ?) ON CONFLICT DO NOTHING";
        long filled = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, request.originCountryId() + request.destinationCountryId());
            ps.setString(2, request.originCountryId());
            ps.setString(3, request.destinationCountryId());
            ps.setBigDecimal(4, request.weightKg());
            ps.setString(5, request.createdAt().toString());
            ps.setObject(6, request.customerId());
            ps.setString(7, request.customerName());
            ps.setString(8, request.customerSlug());
            while (filled < prefilled) {
                int rows = (int) Math.min(FILL_CHUNK, prefilled - filled);
                ps.setInt(9, rows);
                filled += ps.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE " + table);
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.println("[growth] no CHECKPOINT after the fill (" + e.getMessage() + "): the first iteration may pay for it");
        }
        System.out.printf("%n[growth] %s filled with %,d numbers in %.0f s (outside the measurement)%n",
                table, filled, (System.nanoTime() - started) / 1e9);
    }
}
