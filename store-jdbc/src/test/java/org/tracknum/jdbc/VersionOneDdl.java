package org.tracknum.jdbc;

/**
 * The DDL text that 0.1 ran to create a table of format version 1, per dialect, written out as it
 * was before the column description existed. Tables made from it must keep passing the store's
 * checks, and the DDL derived today must equal it until the format version changes.
 */
final class VersionOneDdl {
    private static final String COMMON_TAIL = "origin_country_id CHAR(2) NOT NULL, "
            + "destination_country_id CHAR(2) NOT NULL, weight_kg DECIMAL(8,3) NOT NULL, created_at VARCHAR(64) NOT NULL, ";

    private VersionOneDdl() {
    }

    /** For the dialect named {@code dialect} ({@link Dialect#name()}), creating {@code table}. */
    static String of(String dialect, String table) {
        String head = "CREATE TABLE IF NOT EXISTS " + table + " (";
        String end = "customer_slug VARCHAR(255) NOT NULL, issued_at VARCHAR(30) NOT NULL, "
                + "idempotency_key VARCHAR(255) NULL)";
        switch (dialect) {
            case "PostgreSQL":
                return head + "tracking_number VARCHAR(16) NOT NULL PRIMARY KEY, reservation_id UUID NOT NULL, "
                        + COMMON_TAIL + "customer_id UUID NOT NULL, customer_name VARCHAR(255) NOT NULL, " + end;
            case "MariaDB":
            case "MySQL":
                return head + "tracking_number VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,"
                        + " reservation_id CHAR(36) NOT NULL, " + COMMON_TAIL + "customer_id CHAR(36) NOT NULL,"
                        + " customer_name VARCHAR(255) NOT NULL, " + end
                        + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
            case "H2":
                return head + "tracking_number VARCHAR(16) NOT NULL PRIMARY KEY, reservation_id CHAR(36) NOT NULL, "
                        + COMMON_TAIL + "customer_id CHAR(36) NOT NULL, customer_name VARCHAR(510) NOT NULL, " + end;
            case "SQLite":
                return head + "tracking_number VARCHAR(16) NOT NULL PRIMARY KEY, reservation_id CHAR(36) NOT NULL, "
                        + COMMON_TAIL + "customer_id CHAR(36) NOT NULL, customer_name VARCHAR(255) NOT NULL, " + end;
            default:
                throw new IllegalArgumentException(dialect);
        }
    }
}
