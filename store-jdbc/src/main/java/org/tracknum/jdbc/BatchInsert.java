package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;

/**
 * Group commit of one batch: all rows, sorted by number, in one autocommit statement (one round
 * trip, one transaction). Outcomes are matched to reservations by reservation id. If that
 * statement fails because of one row (a taken number on MariaDB/H2, a value the database refuses)
 * the batch is written again row by row, each row its own statement, so that only the offending
 * reservation fails. A failure that concerns the whole statement (lost connection, lock timeout,
 * deadlock) fails the whole batch with its classification.
 *
 * <p>Duplicate-key errors are classified by the unique index they name ({@link UniqueIndexes}):
 * the number's primary key means taken; the idempotency key's index means the key already names a
 * number, which is read back and reported as {@code KEY_HELD} (or {@code TRANSIENT} if it cannot be
 * read yet); any other unique index is fatal for that row, naming the index. If the message names
 * no index (a server answering in another language), one read of the number and the key decides.
 * A keyed reservation whose number turned out taken is also checked for its key, so that a retry
 * of a stored key is answered {@code KEY_HELD} at once.
 */
final class BatchInsert {
    private static final Logger LOG = LoggerFactory.getLogger(BatchInsert.class);
    private static final Comparator<Reservation> BY_NUMBER = Comparator.comparing(Reservation::trackingNumber);

    private final ConnectionSource connections;
    private final Dialect dialect;
    private final NumberTable table;
    private final UniqueIndexes indexes;
    private final KeyReads keys;
    private final ConcurrentHashMap<Integer, String> sqlByRows = new ConcurrentHashMap<>();
    /** Only for single-writer databases: queues this store's writers in the process. */
    private final ReentrantLock writeLock;

    BatchInsert(ConnectionSource connections, Dialect dialect, NumberTable table, UniqueIndexes indexes) {
        this.connections = connections;
        this.dialect = dialect;
        this.table = table;
        this.indexes = indexes;
        this.keys = new KeyReads(dialect, table);
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
                ErrorKind kind = classify(lease.connection, e);
                if (kind == ErrorKind.TRANSIENT || kind == ErrorKind.AMBIGUOUS) {
                    throw SqlFailures.failure(SqlFailures.status(kind), "batch insert of " + rows.size() + " rows", e);
                }
                if (rows.size() == 1) {
                    return checkKeysOfTaken(lease.connection, batch, List.of(rowOutcome(lease.connection, sorted[0], kind, e)));
                }
                LOG.debug("batch of {} rows failed with {}: writing it row by row", rows.size(), SqlFailures.codes(e));
                return checkKeysOfTaken(lease.connection, batch, rowByRow(lease.connection, batch, sorted, rows));
            }
            List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
            for (Reservation r : batch) {
                outcomes.add(stored.contains(r.reservationId()) ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
            }
            return checkKeysOfTaken(lease.connection, batch, outcomes);
        }
    }

    /**
     * The number's index, the key's index, another unique index (fatal), or the dialect's codes;
     * an otherwise fatal error on a connection that is closed by now is a lost connection.
     */
    private ErrorKind classify(Connection c, SQLException e) {
        ErrorKind unique = indexes.classify(dialect, e);
        ErrorKind kind = unique != null ? unique : dialect.classify(e);
        return kind == ErrorKind.FATAL && closed(c) ? ErrorKind.AMBIGUOUS : kind;
    }

    /**
     * The status of a failed read (of a key's row, of who holds a duplicate): fatal only for an
     * error that retrying cannot help on a connection that is still open, else transient (a read
     * has no side effect).
     */
    private Status readStatus(Connection c, SQLException e) {
        return dialect.classify(e) == ErrorKind.FATAL && !closed(c) ? Status.FATAL : Status.TRANSIENT;
    }

    /**
     * True if the connection is closed: after an error that ended its session (PostgreSQL
     * {@code 57P01}, a reset) HikariCP evicts it, and its next statement fails with a plain
     * {@code SQLException("Connection is closed")} that carries no SQLState, which the codes alone
     * would call fatal.
     */
    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * A keyed reservation found TAKEN may have lost to an earlier write of its own key (a retry
     * after an ambiguous outcome with another number): one indexed read turns those into
     * {@code KEY_HELD}. If the read fails they stay TAKEN, which is safe: the next candidate's
     * insert meets the key's index.
     */
    private List<ReservationOutcome> checkKeysOfTaken(Connection c, List<Reservation> batch,
                                                      List<ReservationOutcome> outcomes) {
        List<KeyReads.Key> wanted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i).status() == Status.TAKEN && batch.get(i).hasIdempotencyKey()) {
                wanted.add(key(batch.get(i)));
            }
        }
        if (wanted.isEmpty()) {
            return outcomes;
        }
        Map<KeyReads.Key, IssuedTrackingNumber> held;
        try {
            held = keys.find(c, wanted);
        } catch (SQLException e) {
            LOG.debug("reading the keys of {} taken reservations failed with {}", wanted.size(), SqlFailures.codes(e));
            return outcomes;
        } catch (StoreFailure notValid) {
            return outcomes; // a row that is not a valid record: the key's own insert reports it
        }
        List<ReservationOutcome> checked = new ArrayList<>(outcomes);
        for (int i = 0; i < batch.size(); i++) {
            if (checked.get(i).status() == Status.TAKEN && batch.get(i).hasIdempotencyKey()) {
                IssuedTrackingNumber existing = held.get(key(batch.get(i)));
                if (existing != null) {
                    checked.set(i, ReservationOutcome.keyHeld(existing));
                }
            }
        }
        return checked;
    }

    private static KeyReads.Key key(Reservation r) {
        return new KeyReads.Key(r.request().customerId(), r.idempotencyKey());
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
            if (lost == null && closed(c)) { // a read for an earlier row lost the connection
                lost = new StoreFailure(ReservationOutcome.Status.TRANSIENT, "JDBC store: the connection was lost"
                        + " while writing a batch row by row", null);
            }
            if (lost != null) {
                byId.put(id, ReservationOutcome.transientFailure(lost));
                continue;
            }
            try {
                boolean stored = !dialect.insert(c, table, List.<String[]>of(rows.get(i)), sql).isEmpty();
                byId.put(id, stored ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
            } catch (SQLException e) {
                ErrorKind kind = classify(c, e);
                byId.put(id, rowOutcome(c, sorted[i], kind, e));
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

    private ReservationOutcome rowOutcome(Connection c, Reservation r, ErrorKind kind, SQLException e) {
        if (kind == ErrorKind.DUPLICATE) {
            return ReservationOutcome.TAKEN;
        }
        if (kind == ErrorKind.KEY_DUPLICATE && r.hasIdempotencyKey()) {
            return keyHeld(c, r, e);
        }
        UniqueIndexes.Violation other = dialect.uniqueViolation(e);
        if (other != null && other.unidentified()) {
            ReservationOutcome read = identifyByReading(c, r);
            if (read != null) {
                return read;
            }
        }
        if (other != null) {
            return ReservationOutcome.fatal(new StoreFailure(Status.FATAL, "JDBC store: insert into " + table.name()
                    + " violated " + other.describe() + ", which is not Tracknum's: neither the number's primary key"
                    + " nor the idempotency key's index (" + table.keyIndexName() + "), so the store cannot tell"
                    + " whether the number is free. Drop that index or make it non-unique (" + SqlFailures.codes(e)
                    + ")", SqlFailures.scrub(e)));
        }
        return ReservationOutcome.of(SqlFailures.failure(SqlFailures.status(kind), "insert", e));
    }

    /**
     * A duplicate-key error whose message named no index (a server set to answer in another
     * language, such as MariaDB with {@code lc_messages=de_DE}): reading tells which. Rows are never
     * deleted and the violated row was committed before the error was raised, so a stored number
     * means taken (its key, if any, is then checked like any taken one's) and a stored key means
     * {@code KEY_HELD}; neither means another unique index: null, and the caller reports it fatal.
     */
    private ReservationOutcome identifyByReading(Connection c, Reservation r) {
        try {
            try (PreparedStatement ps = c.prepareStatement(table.ownersSql(1))) {
                ps.setString(1, r.trackingNumber());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return ReservationOutcome.TAKEN;
                    }
                }
            }
            IssuedTrackingNumber existing = r.hasIdempotencyKey() ? keys.find(c, key(r)) : null;
            return existing != null ? ReservationOutcome.keyHeld(existing) : null;
        } catch (SQLException read) {
            return ReservationOutcome.of(SqlFailures.failure(readStatus(c, read),
                    "reading which row a duplicate key belongs to", read));
        } catch (StoreFailure notValid) {
            return ReservationOutcome.of(notValid);
        }
    }

    /**
     * The key is held: read the row that holds it. Rows are never deleted by the store, so a row
     * that cannot be found (deleted by someone, or not readable yet) is transient: the next attempt
     * either stores the key or meets it again.
     */
    private ReservationOutcome keyHeld(Connection c, Reservation r, SQLException e) {
        try {
            IssuedTrackingNumber existing = keys.find(c, key(r));
            if (existing != null) {
                return ReservationOutcome.keyHeld(existing);
            }
            return ReservationOutcome.transientFailure(new StoreFailure(Status.TRANSIENT, "JDBC store: the"
                    + " idempotency key's row was not found after its index reported it (" + SqlFailures.codes(e)
                    + ")", SqlFailures.scrub(e)));
        } catch (SQLException read) {
            return ReservationOutcome.of(SqlFailures.failure(readStatus(c, read),
                    "reading the row of an idempotency key", read));
        } catch (StoreFailure notValid) {
            return ReservationOutcome.of(notValid); // the row holding the key is not a valid record
        }
    }

    private String sql(int rows) {
        return sqlByRows.computeIfAbsent(rows, n -> dialect.insertSql(table, n));
    }
}
