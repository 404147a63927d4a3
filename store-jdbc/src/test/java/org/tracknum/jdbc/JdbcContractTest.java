package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.ForeignRecord;
import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.IdempotencyContract;

/**
 * The store contract, with the idempotency-key cases (the JDBC store keeps keys), against one
 * database, through a store built from a URL (its own HikariCP pool).
 */
abstract class JdbcContractTest extends IdempotencyContract {
    private String table;

    /** The JDBC URL of the database under test. */
    abstract String url();

    @Override
    protected ReservationStore newStore() {
        table = TestDatabases.freshTable(getClass().getSimpleName().replace("ContractTest", ""));
        return JdbcReservationStore.builder().url(url()).table(table).build();
    }

    @Override
    protected void cleanUp() {
        if (table != null) {
            TestDatabases.drop(url(), table);
        }
    }

    /**
     * A batch holds one connection from start to end and borrows no second one (its key check
     * reuses it), so writers beyond the pool queue for connections and all get through; a second
     * borrow would leave every writer waiting for the others' connections until the connect
     * timeout.
     */
    @Test
    void moreWritersThanPoolConnectionsAllGetThrough() throws Exception {
        int writers = 12;
        int rounds = 15;
        String own = TestDatabases.freshTable("writers");
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(url()).table(own).poolSize(2).build()) {
            for (List<ReservationOutcome> outcomes : reserveFromWriters(store, writers, rounds, 200)) {
                assertThat(outcomes).hasSize(rounds * 200).containsOnly(ReservationOutcome.RESERVED);
            }
        } finally {
            TestDatabases.drop(url(), own);
        }
    }

    @Override
    protected int numbersPerThread() {
        return 10_000;
    }

    private boolean tableReplaced;

    /**
     * Writes the row with plain SQL, bypassing the store. The first call replaces the store's table
     * (behind the open store's back) by one with the same columns, all of them nullable text of the
     * database's largest kind, as another program or a DBA might: only such a table can hold a
     * 1E+999999999 weight, an 8 MiB name or NULLs. {@link ForeignRecord#WRONG_VERSION} is not
     * representable: a row has no format version of its own (the table's version is checked when a
     * store opens; see TableFormatTest).
     */
    @Override
    protected boolean plantForeignRecord(String number, ForeignRecord kind) {
        String[] row = foreignRow(kind);
        if (row == null) {
            return false;
        }
        if (!tableReplaced) {
            String text = bigText();
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (tracking_number VARCHAR(16) PRIMARY KEY");
            for (Column column : Columns.ALL.subList(1, Columns.ALL.size())) {
                ddl.append(", ").append(column.name()).append(' ').append(text);
            }
            TestDatabases.execute(url(), "DROP TABLE " + table);
            TestDatabases.execute(url(), ddl.append(')').toString());
            tableReplaced = true;
        }
        List<String> names = Columns.WRITTEN.stream().map(Column::name).toList();
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        try (Connection c = DriverManager.getConnection(url()); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, number);
            for (int i = 1; i < names.size(); i++) {
                ps.setString(i + 1, row[i - 1]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot plant a " + kind + " row: " + e.getMessage(), e);
        }
        return true;
    }

    /** The database's text type for arbitrarily long values. */
    private String bigText() {
        String url = url();
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return "LONGTEXT";
        }
        return url.startsWith("jdbc:h2:") ? "CHARACTER LARGE OBJECT" : "TEXT";
    }

    /**
     * The columns after tracking_number in written order (reservation_id, origin, destination,
     * weight, created_at, customer_id, customer_name, customer_slug, issued_at, idempotency_key), or null.
     */
    private static String[] foreignRow(ForeignRecord kind) {
        String[] valid = {UUID.randomUUID().toString(), "MY", "GB", "1.500", "2018-11-20T19:29:32+08:00",
            "123e4567-e89b-12d3-a456-426614174000", ForeignRecord.SECRET_NAME, ForeignRecord.SECRET_SLUG,
            "2018-11-20T11:29:32.000000000Z", null};
        switch (kind) {
            case HUGE_WEIGHT:
                valid[3] = ForeignRecord.HUGE_WEIGHT_TEXT;
                return valid;
            case HUGE_NAME:
                valid[6] = ForeignRecord.hugeName();
                return valid;
            case NULLS:
                return new String[valid.length];
            case TRUNCATED:
                return new String[] {valid[0], "MY", "GB", "1.500", "2018-11-20T19:2", null, null, null, null, null};
            case NOT_OURS:
                return new String[] {"{\"id\": 1}", "{\"k\":", "heavy", "9999999999999999999999999999", "yesterday",
                    ForeignRecord.SECRET_NAME, ForeignRecord.SECRET_NAME, ForeignRecord.SECRET_SLUG, "never",
                    ForeignRecord.SECRET_SLUG};
            default:
                return null;
        }
    }
}
