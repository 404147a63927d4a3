package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;

/**
 * Group commit of one batch: all rows, sorted by number, in one autocommit statement (one round
 * trip, one transaction). Outcomes are matched to reservations by reservation id. If that
 * statement fails because of one row (a taken number on MariaDB/H2, a value the database refuses)
 * the batch is written again row by row, each row its own statement, so that only the offending
 * reservation fails. A failure that concerns the whole statement (lost connection, lock timeout,
 * deadlock) fails the whole batch with its classification.
 */
final class BatchInsert {
    private static final Logger LOG = LoggerFactory.getLogger(BatchInsert.class);
    private static final Comparator<Reservation> BY_NUMBER = Comparator.comparing(Reservation::trackingNumber);

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final NumberTable table;
    private final ConcurrentHashMap<Integer, String> sqlByRows = new ConcurrentHashMap<>();
    /** Only for single-writer databases: queues this store's writers in the process. */
    private final ReentrantLock writeLock;

    BatchInsert(ConnectionSource connections, Dialect dialect, NumberTable table) {
        this.connections = connections;
        this.dialect = dialect;
        this.table = table;
        this.writeLock = dialect.singleWriter() ? new ReentrantLock(true) : null;
    }

    List<ReservationOutcome> reserve(List<Reservation> batch) {
        if (writeLock == null) {
            return write(batch);
        }
        try {
            if (!writeLock.tryLock(dialect.timeouts.lock().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "JDBC store: " + dialect.name()
                        + " writer queue did not move within the lock timeout", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure(ReservationOutcome.Status.TRANSIENT, "JDBC store: interrupted before writing", e);
        }
        try {
            return write(batch);
        } finally {
            writeLock.unlock();
        }
    }

    private List<ReservationOutcome> write(List<Reservation> batch) {
        Reservation[] sorted = batch.toArray(new Reservation[0]);
        Arrays.sort(sorted, BY_NUMBER);
        List<String[]> rows = new ArrayList<>(sorted.length);
        for (Reservation r : sorted) {
            rows.add(NumberTable.values(r));
        }
        try (ConnectionSource.Lease lease = connections.borrow("insert")) {
            Set<UUID> stored;
            try {
                stored = new HashSet<>(dialect.insert(lease.connection, table, rows, sql(rows.size())));
            } catch (SQLException e) {
                ErrorKind kind = dialect.classify(e);
                if (kind == ErrorKind.TRANSIENT || kind == ErrorKind.AMBIGUOUS) {
                    throw SqlFailures.failure(SqlFailures.status(kind), "batch insert of " + rows.size() + " rows", e);
                }
                if (rows.size() == 1) {
                    return List.of(rowOutcome(kind, e));
                }
                LOG.debug("batch of {} rows failed with {}: writing it row by row", rows.size(), SqlFailures.codes(e));
                return rowByRow(lease.connection, batch, sorted, rows);
            }
            List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
            for (Reservation r : batch) {
                outcomes.add(stored.contains(r.reservationId()) ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
            }
            return outcomes;
        }
    }

    /**
     * One statement per row, in number order. After a lost connection the remaining rows were
     * never sent: they are transient.
     */
    private List<ReservationOutcome> rowByRow(Connection c, List<Reservation> batch, Reservation[] sorted,
                                              List<String[]> rows) {
        Map<UUID, ReservationOutcome> byId = new HashMap<>();
        StoreFailure lost = null;
        String sql = sql(1);
        for (int i = 0; i < sorted.length; i++) {
            UUID id = sorted[i].reservationId();
            if (lost != null) {
                byId.put(id, ReservationOutcome.transientFailure(lost));
                continue;
            }
            try {
                boolean stored = !dialect.insert(c, table, List.<String[]>of(rows.get(i)), sql).isEmpty();
                byId.put(id, stored ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
            } catch (SQLException e) {
                ErrorKind kind = dialect.classify(e);
                byId.put(id, rowOutcome(kind, e));
                if (kind == ErrorKind.AMBIGUOUS) {
                    lost = SqlFailures.failure(ReservationOutcome.Status.TRANSIENT, "insert after a lost connection", e);
                }
            }
        }
        List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
        for (Reservation r : batch) {
            outcomes.add(byId.get(r.reservationId()));
        }
        return outcomes;
    }

    private ReservationOutcome rowOutcome(ErrorKind kind, SQLException e) {
        if (kind == ErrorKind.DUPLICATE) {
            return ReservationOutcome.TAKEN;
        }
        String foreign = dialect.foreignUniqueIndex(e);
        if (foreign != null) {
            return ReservationOutcome.of(SqlFailures.failure(SqlFailures.status(kind), "insert violates unique index "
                    + foreign + ", which is not Tracknum's (only the tracking_number primary key means a number is"
                    + " taken): drop that index or make it non-unique, and the insert", e));
        }
        return ReservationOutcome.of(SqlFailures.failure(SqlFailures.status(kind), "insert", e));
    }

    private String sql(int rows) {
        return sqlByRows.computeIfAbsent(rows, n -> dialect.insertSql(table, n));
    }
}
