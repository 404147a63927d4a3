package org.tracknum.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;

/**
 * The table of issued numbers: its checked name, its columns, and how a reservation becomes a row
 * and a row an {@link IssuedTrackingNumber}. Every value is bound as text in column order (each
 * dialect casts where the column is not text), so the SQL of every dialect is built from this
 * class's constants and the checked table name only.
 *
 * <p>Timestamps are stored as ISO-8601 text so that they come back exactly as given:
 * {@code created_at} with its original offset and fraction (a {@code TIMESTAMP WITH TIME ZONE}
 * would keep the instant but lose the offset), {@code issued_at} in UTC with nine fraction digits
 * (fixed width, so it sorts chronologically; the JDK clock has nanoseconds, most databases only
 * microseconds).
 */
final class NumberTable {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

    /** The columns written by an insert, in binding order. */
    static final List<String> COLUMNS = List.of("tracking_number", "reservation_id", "origin_country_id",
            "destination_country_id", "weight_kg", "created_at", "customer_id", "customer_name", "customer_slug",
            "issued_at");
    static final String IDEMPOTENCY_KEY = "idempotency_key";
    static final int WEIGHT_SCALE = 3;

    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String name;

    private NumberTable(String name) {
        this.name = name;
    }

    /**
     * @throws ConfigurationException unless {@code name} matches {@code ^[A-Za-z_][A-Za-z0-9_]{0,62}$}
     */
    static NumberTable named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException("JDBC table name (tracknum.jdbc.table) must match " + NAME.pattern()
                    + " (letters, digits and _, not starting with a digit, at most 63 characters)"
                    + (name == null ? ": it is missing" : ""));
        }
        return new NumberTable(name);
    }

    String name() {
        return name;
    }

    String columnList() {
        return String.join(", ", COLUMNS);
    }

    String findSql() {
        return "SELECT " + columnList() + " FROM " + name + " WHERE tracking_number = ?";
    }

    String ownersSql(int numbers) {
        return "SELECT tracking_number, reservation_id FROM " + name + " WHERE tracking_number IN ("
                + String.join(", ", java.util.Collections.nCopies(numbers, "?")) + ")";
    }

    /** The row of {@code r}, as text, in {@link #COLUMNS} order. */
    static String[] values(Reservation r) {
        ShipmentRequest q = r.request();
        return new String[] {
            r.trackingNumber(),
            r.reservationId().toString(),
            q.originCountryId(),
            q.destinationCountryId(),
            q.weightKg().toPlainString(),
            q.createdAt().toString(),
            q.customerId().toString(),
            q.customerName(),
            q.customerSlug(),
            ISSUED_AT.format(r.issuedAt())
        };
    }

    /** Reads a row selected with {@link #findSql()}. Stored requests are restored without validation. */
    static IssuedTrackingNumber read(ResultSet rs) throws SQLException {
        ShipmentRequest request = ShipmentRequest.restore(
                rs.getString("origin_country_id").strip(),
                rs.getString("destination_country_id").strip(),
                weight(rs.getString("weight_kg")),
                OffsetDateTime.parse(rs.getString("created_at")),
                UUID.fromString(rs.getString("customer_id").strip()),
                rs.getString("customer_name"),
                rs.getString("customer_slug"));
        return new IssuedTrackingNumber(rs.getString("tracking_number"), request,
                Instant.parse(rs.getString("issued_at")));
    }

    /** SQLite may hand back {@code 1.5} or {@code 2} for a stored {@code 1.500} or {@code 2.000}. */
    static BigDecimal weight(String stored) {
        BigDecimal value = new BigDecimal(stored.strip());
        return value.scale() <= WEIGHT_SCALE ? value.setScale(WEIGHT_SCALE, RoundingMode.UNNECESSARY) : value;
    }
}
