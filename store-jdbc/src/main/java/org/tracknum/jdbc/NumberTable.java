package org.tracknum.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
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

    String findSql() {
        return "SELECT " + Columns.writtenList() + " FROM " + name + " WHERE " + Columns.TRACKING_NUMBER.name()
                + " = ?";
    }

    /** The rows stored under {@code pairs} (customer id, idempotency key) pairs: one indexed lookup each. */
    String findByKeySql(int pairs) {
        String one = "(" + Columns.CUSTOMER_ID.name() + " = ? AND " + Columns.IDEMPOTENCY_KEY.name() + " = ?)";
        return "SELECT " + Columns.writtenList() + " FROM " + name + " WHERE "
                + String.join(" OR ", Collections.nCopies(pairs, one));
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

    /** Reads a row selected with {@link #findSql()}. Stored requests are restored without validation. */
    static IssuedTrackingNumber read(ResultSet rs) throws SQLException {
        ShipmentRequest request = StoredRequests.restore(
                text(rs, Columns.ORIGIN).strip(),
                text(rs, Columns.DESTINATION).strip(),
                weight(text(rs, Columns.WEIGHT)),
                OffsetDateTime.parse(text(rs, Columns.CREATED_AT)),
                UUID.fromString(text(rs, Columns.CUSTOMER_ID).strip()),
                text(rs, Columns.CUSTOMER_NAME),
                text(rs, Columns.CUSTOMER_SLUG));
        return new IssuedTrackingNumber(text(rs, Columns.TRACKING_NUMBER), request,
                Instant.parse(text(rs, Columns.ISSUED)));
    }

    private static String text(ResultSet rs, Column column) throws SQLException {
        return rs.getString(column.name());
    }

    /** SQLite may hand back {@code 1.5} or {@code 2} for a stored {@code 1.500} or {@code 2.000}. */
    static BigDecimal weight(String stored) {
        BigDecimal value = new BigDecimal(stored.strip());
        return value.scale() <= Columns.WEIGHT_SCALE ? value.setScale(Columns.WEIGHT_SCALE, RoundingMode.UNNECESSARY)
                : value;
    }
}
