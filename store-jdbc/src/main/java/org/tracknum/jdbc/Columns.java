package org.tracknum.jdbc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tracknum.jdbc.Column.Kind;
import org.tracknum.spi.StoredRequests;

/**
 * The columns of the numbers table, described once, in table order (which is also the order in
 * which an insert binds them). The DDL ({@link Dialect#createTableSql}), the shape check
 * ({@link TableShape}), the inserts ({@link NumberTable#values}) and the reads are all derived from
 * this list; docs/jdbc.md documents it as the table's format, version {@link TableFormat#CURRENT}.
 *
 * <p>Timestamps are ISO-8601 text so that they come back exactly as given: {@code created_at} as RFC 3339
 * text with seconds always written ({@link StoredRequests#createdAtText}), its original offset and fraction (a {@code TIMESTAMP WITH TIME ZONE} would keep the instant but
 * lose the offset), {@code issued_at} in UTC with nine fraction digits (fixed width, so it sorts
 * chronologically; the JDK clock has nanoseconds, most databases only microseconds).
 */
final class Columns {
    static final int WEIGHT_SCALE = 3;
    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    static final Column TRACKING_NUMBER = new Column("tracking_number", Kind.KEY, 16, 16, false,
            r -> r.trackingNumber());
    static final Column RESERVATION_ID = new Column("reservation_id", Kind.UUID, 36, 36, false,
            r -> r.reservationId().toString());
    static final Column ORIGIN = new Column("origin_country_id", Kind.CHAR, 2, 2, false,
            r -> r.request().originCountryId());
    static final Column DESTINATION = new Column("destination_country_id", Kind.CHAR, 2, 2, false,
            r -> r.request().destinationCountryId());
    static final Column WEIGHT = new Column("weight_kg", Kind.DECIMAL, 8, 8, false,
            r -> r.request().weightKg().toPlainString());
    static final Column CREATED_AT = new Column("created_at", Kind.VARCHAR, 64, 35, false,
            r -> StoredRequests.createdAtText(r.request().createdAt()));
    static final Column CUSTOMER_ID = new Column("customer_id", Kind.UUID, 36, 36, false,
            r -> r.request().customerId().toString());
    static final Column CUSTOMER_NAME = new Column("customer_name", Kind.NAME, 255, 255, false,
            r -> r.request().customerName());
    static final Column CUSTOMER_SLUG = new Column("customer_slug", Kind.VARCHAR, 255, 255, false,
            r -> r.request().customerSlug());
    static final Column ISSUED = new Column("issued_at", Kind.VARCHAR, 30, 30, false,
            r -> ISSUED_AT.format(r.issuedAt()));
    /** The caller's idempotency key (scoped by {@code customer_id}), NULL for a call without one. */
    static final Column IDEMPOTENCY_KEY = new Column("idempotency_key", Kind.VARCHAR, 255, 255, true,
            r -> r.idempotencyKey());

    /** Every column, in table order. */
    static final List<Column> ALL = List.of(TRACKING_NUMBER, RESERVATION_ID, ORIGIN, DESTINATION, WEIGHT,
            CREATED_AT, CUSTOMER_ID, CUSTOMER_NAME, CUSTOMER_SLUG, ISSUED, IDEMPOTENCY_KEY);
    /** The columns an insert binds, in binding order. */
    static final List<Column> WRITTEN = ALL.stream().filter(Column::written).toList();

    private Columns() {
    }

    /** {@code tracking_number, reservation_id, ...}: the written columns, comma-separated. */
    static String writtenList() {
        return String.join(", ", WRITTEN.stream().map(Column::name).toList());
    }
}
