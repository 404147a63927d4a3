package org.tracknum.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The unique indexes of the numbers table, as found at start, and what a duplicate-key error
 * means given the index it names. Databases report a violation of any unique index with the same
 * code (STORE-FACTS "Which constraint?"), so only the index tells the number's primary key (the
 * number is taken) from the idempotency key's index (the key already names a number) from an index
 * someone else added (fatal: the store cannot tell whether the number is free, and retrying with a
 * fresh number would loop until the number space looks exhausted).
 *
 * @param byName every unique index of the table: lower-case name to its lower-case columns, in order
 */
record UniqueIndexes(Map<String, List<String>> byName) {
    static final List<String> NUMBER_COLUMNS = List.of(Columns.TRACKING_NUMBER.name());
    static final List<String> KEY_COLUMNS = List.of(Columns.CUSTOMER_ID.name(), Columns.IDEMPOTENCY_KEY.name());

    UniqueIndexes {
        byName = Map.copyOf(byName);
    }

    /**
     * What a database said about a violated unique index: its name (PostgreSQL, MariaDB/MySQL, H2)
     * or its columns (SQLite, which names no index), or neither if the message could not be read.
     */
    record Violation(String name, List<String> columns) {
        static final Violation UNIDENTIFIED = new Violation(null, null);

        static Violation named(String name) {
            return new Violation(name.toLowerCase(Locale.ROOT), null);
        }

        static Violation onColumns(List<String> columns) {
            return new Violation(null, columns.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList());
        }

        /** True if the message named neither an index nor columns. */
        boolean unidentified() {
            return name == null && columns == null;
        }

        /** For messages: index names are schema, not row data. */
        String describe() {
            if (name != null) {
                return "unique index " + name;
            }
            return columns != null ? "a unique index on (" + String.join(", ", columns) + ")"
                    : "a unique index the database did not name";
        }
    }

    /** Names of the unique indexes on exactly {@code columns}. */
    Set<String> on(List<String> columns) {
        return byName.entrySet().stream().filter(e -> e.getValue().equals(columns)).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean hasKeyIndex() {
        return !on(KEY_COLUMNS).isEmpty();
    }

    /**
     * {@link ErrorKind#DUPLICATE} for the number's index, {@link ErrorKind#KEY_DUPLICATE} for the
     * key's, {@link ErrorKind#FATAL} for any other; {@code null} if {@code e} is no duplicate-key error.
     */
    ErrorKind classify(Dialect dialect, SQLException e) {
        Violation v = dialect.uniqueViolation(e);
        if (v == null) {
            return null;
        }
        if (matches(v, NUMBER_COLUMNS)) {
            return ErrorKind.DUPLICATE;
        }
        return matches(v, KEY_COLUMNS) ? ErrorKind.KEY_DUPLICATE : ErrorKind.FATAL;
    }

    private boolean matches(Violation v, List<String> columns) {
        if (v.name() != null) {
            return on(columns).contains(v.name());
        }
        return columns.equals(v.columns());
    }
}
