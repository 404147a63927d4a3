package org.tracknum.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;
import org.tracknum.spi.StoredRequests;

/**
 * The table of issued numbers: its checked name, the SQL that reads it, and how a reservation
 * becomes a row and a row an {@link IssuedTrackingNumber}, following the column description in
 * {@link Columns}. The SQL of every dialect is built from that description and the checked table
 * name only.
 */
final class NumberTable {
    /** At most 58 characters, so that the companion {@code <name>_meta} fits 63 (PostgreSQL's limit). */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,57}$");

    private final String name;

    private NumberTable(String name) {
        this.name = name;
    }

    /**
     * @throws ConfigurationException unless {@code name} matches {@code ^[A-Za-z_][A-Za-z0-9_]{0,57}$}
     */
    static NumberTable named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException("JDBC table name (tracknum.jdbc.table) must match " + NAME.pattern()
                    + " (letters, digits and _, not starting with a digit, at most 58 characters)"
                    + (name == null ? ": it is missing" : ""));
        }
        return new NumberTable(name);
    }

    String name() {
        return name;
    }

    /** The companion table that records the format version (see {@link TableFormat}). */
    String metaName() {
        return name + "_meta";
    }

    /** The unique index on (customer_id, idempotency_key), format version 2: at most 63 characters. */
    String keyIndexName() {
        return name + "_ikey";
    }

    /**
     * Selects the written columns of one row. Text columns are read through
     * {@code SUBSTR(column, 1, 2 * length + 1)}: a row someone else wrote into a widened column (a
     * 100 MB name) never travels whole, and anything longer than {@code 2 * length} characters (a
     * name of {@code length} code points is at most that many UTF-16 units) is refused by
     * {@link #read}.
     */
    String findSql() {
        return "SELECT " + selectedColumns() + " FROM " + name + " WHERE " + Columns.TRACKING_NUMBER.name() + " = ?";
    }

    /**
     * The rows stored under {@code pairs} (customer id, idempotency key) pairs, one indexed lookup
     * each, with the columns of {@link #findSql()} (the key too, bounded the same way).
     */
    String findByKeySql(int pairs) {
        String one = "(" + Columns.CUSTOMER_ID.name() + " = ? AND " + Columns.IDEMPOTENCY_KEY.name() + " = ?)";
        return "SELECT " + selectedColumns() + " FROM " + name + " WHERE "
                + String.join(" OR ", Collections.nCopies(pairs, one));
    }

    /** The written columns, bounded text through SUBSTR, each under its own name. */
    private static String selectedColumns() {
        List<String> selected = new ArrayList<>();
        for (Column column : Columns.WRITTEN) {
            selected.add(isBoundedText(column)
                    ? "SUBSTR(" + column.name() + ", 1, " + (readLimit(column) + 1) + ") AS " + column.name()
                    : column.name());
        }
        return String.join(", ", selected);
    }

    private static boolean isBoundedText(Column column) {
        return column.kind() == Column.Kind.CHAR || column.kind() == Column.Kind.VARCHAR
                || column.kind() == Column.Kind.NAME;
    }

    /** The longest text a valid row has in {@code column}, in UTF-16 units. */
    private static int readLimit(Column column) {
        return 2 * column.length();
    }

    String ownersSql(int numbers) {
        return "SELECT " + Columns.TRACKING_NUMBER.name() + ", " + Columns.RESERVATION_ID.name() + " FROM " + name
                + " WHERE " + Columns.TRACKING_NUMBER.name() + " IN (" + String.join(", ", Collections.nCopies(numbers, "?"))
                + ")";
    }

    /** The row of {@code r}, as text, in {@link Columns#WRITTEN} order. */
    static String[] values(Reservation r) {
        String[] row = new String[Columns.WRITTEN.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = Columns.WRITTEN.get(i).value().apply(r);
        }
        return row;
    }

    /** The reservation id in a row made by {@link #values}. */
    static UUID reservationId(String[] row) {
        return UUID.fromString(row[Columns.WRITTEN.indexOf(Columns.RESERVATION_ID)]);
    }

    /**
     * Reads a row selected with {@link #findSql()}. Stored requests are restored without
     * validation, but a row that is not in this store's format (nulls, text too long, a weight that
     * is not a small plain decimal, a date-time or UUID that does not parse: written by something
     * else, or corrupted) is a fatal {@link StoreFailure} saying so, naming the number and the
     * column but never a stored value.
     */
    IssuedTrackingNumber read(ResultSet rs, String trackingNumber) throws SQLException {
        try {
            ShipmentRequest request = StoredRequests.restore(
                    text(rs, Columns.ORIGIN).strip(),
                    text(rs, Columns.DESTINATION).strip(),
                    weight(text(rs, Columns.WEIGHT)),
                    StoredRequests.parseCreatedAt(text(rs, Columns.CREATED_AT)),
                    uuid(text(rs, Columns.CUSTOMER_ID)),
                    text(rs, Columns.CUSTOMER_NAME),
                    text(rs, Columns.CUSTOMER_SLUG));
            return new IssuedTrackingNumber(text(rs, Columns.TRACKING_NUMBER), request,
                    issuedAt(text(rs, Columns.ISSUED)));
        } catch (ForeignValue e) {
            throw notValid(trackingNumber, e.getMessage());
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            // parse errors of the bounded values above; their messages may quote the value
            throw notValid(trackingNumber, "a value does not parse (" + e.getClass().getSimpleName() + ")");
        }
    }

    private StoreFailure notValid(String trackingNumber, String reason) {
        return new StoreFailure(ReservationOutcome.Status.FATAL, "JDBC store: the row of tracking number "
                + trackingNumber + " in table " + name + " is not a valid Tracknum record: " + reason, null);
    }

    /** The column's text, checked for presence and length; the message names only the column. */
    private static String text(ResultSet rs, Column column) throws SQLException {
        String value = rs.getString(column.name());
        if (value == null) {
            throw new ForeignValue(column.name() + " is NULL");
        }
        if (value.length() > (isBoundedText(column) ? readLimit(column) : MAX_UNBOUNDED)) {
            throw new ForeignValue(column.name() + " is too long");
        }
        return value;
    }

    /** Longest text accepted from a column that is not read through SUBSTR (UUID, DECIMAL, key). */
    private static final int MAX_UNBOUNDED = 64;

    private static UUID uuid(String text) {
        String id = text.strip();
        if (id.length() != 36) {
            throw new ForeignValue("customer_id is not a UUID");
        }
        return UUID.fromString(id);
    }

    private static Instant issuedAt(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ForeignValue("issued_at is not an ISO-8601 instant");
        }
    }

    /** A row that is not this store's; the message names the column only. */
    private static final class ForeignValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignValue(String message) {
            super(message, null, false, false);
        }
    }

    /** SQLite may hand back {@code 1.5} or {@code 2} for a stored {@code 1.500} or {@code 2.000}. */
    static BigDecimal weight(String stored) {
        BigDecimal value;
        try {
            value = StoredRequests.parseWeight(stored.strip());
        } catch (IllegalArgumentException e) {
            throw new ForeignValue("weight_kg is not a small plain decimal");
        }
        return value.scale() <= Columns.WEIGHT_SCALE ? value.setScale(Columns.WEIGHT_SCALE, RoundingMode.UNNECESSARY)
                : value;
    }
}
