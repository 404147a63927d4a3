package org.tracknum.jdbc;

import java.util.function.Function;
import org.tracknum.spi.Reservation;

/**
 * One column of the numbers table, as {@link Columns} describes it: its name, its kind (from which
 * each dialect derives the SQL type), the length the DDL declares, the least length the shape check
 * accepts in a table someone else created, and whether it may be NULL. A column the store writes
 * carries the function that turns a reservation into its text; every value is bound as text.
 */
record Column(String name, Kind kind, int length, int minLength, boolean nullable,
              Function<Reservation, String> value) {

    /** What a column holds; {@link Dialect#columnType} turns it into SQL. */
    enum Kind {
        /** {@code tracking_number}: text, the primary key (binary collation where a dialect has one). */
        KEY,
        /** A UUID, as {@code CHAR(36)} text or a native UUID type. */
        UUID,
        /** Fixed-width text ({@code CHAR(n)}). */
        CHAR,
        /** Variable-width text ({@code VARCHAR(n)}). */
        VARCHAR,
        /** Variable-width text of up to {@code length} code points (H2 counts UTF-16 units). */
        NAME,
        /** {@code DECIMAL(length, }{@link Columns#WEIGHT_SCALE}{@code )}. */
        DECIMAL
    }

    /** True if the store binds a value for this column on insert. */
    boolean written() {
        return value != null;
    }

    /** The SQL type in the standard spelling, which dialects override where they differ. */
    String standardType() {
        switch (kind) {
            case UUID:
                return "CHAR(36)";
            case CHAR:
                return "CHAR(" + length + ")";
            case DECIMAL:
                return "DECIMAL(" + length + "," + Columns.WEIGHT_SCALE + ")";
            default:
                return "VARCHAR(" + length + ")";
        }
    }
}
