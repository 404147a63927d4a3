package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;
import org.tracknum.testkit.TestRequests;

/**
 * A MariaDB server answering in German ({@code lc_messages=de_DE}, set on every connection of the
 * user's pool): a duplicate-key message then reads {@code Doppelter Eintrag '…' für Schlüssel '…'},
 * which names no index the store can read. The store decides by reading the number and the key: a
 * taken number is still TAKEN, a held key still KEY_HELD, and a DBA's unique index is still fatal
 * (unnamed), never "taken". Through both drivers.
 */
class LocalizedMessagesTest {
    private static final String SECRET_NAME = "Secret Localized Name";
    private static final String SECRET_SLUG = "secret-localized-slug";

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void duplicateKeysAreClassifiedByReadingWhenTheMessageNamesNoIndex(String driver) throws SQLException {
        String url = driver.equals("mariadb") ? TestDatabases.MARIADB_URL : TestDatabases.MYSQL_DRIVER_URL;
        TestDatabases.requireReachable(url, "MariaDB (" + driver + " driver)");
        String table = TestDatabases.freshTable("lc_" + driver);
        String dbaTable = TestDatabases.freshTable("lcdba_" + driver);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setConnectionInitSql("SET lc_messages = 'de_DE'");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (JdbcReservationStore store = JdbcReservationStore.builder().dataSource(pool).table(table).build()) {
                assertGermanDuplicateMessages(pool, table);

                Reservation first = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
                assertThat(store.reserve(List.of(first))).containsExactly(ReservationOutcome.RESERVED);
                Reservation sameNumber = ErrorClassificationContract.reservation(first.trackingNumber());
                Reservation fresh = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
                assertThat(store.reserve(List.of(sameNumber))).containsExactly(ReservationOutcome.TAKEN);
                assertThat(store.reserve(List.of(fresh, sameNumber)))
                        .containsExactly(ReservationOutcome.RESERVED, ReservationOutcome.TAKEN);

                ShipmentRequest request = TestRequests.unique();
                Reservation keyed = IdempotencyKeyContract.keyed(request, "order-1");
                assertThat(store.reserve(List.of(keyed))).containsExactly(ReservationOutcome.RESERVED);
                Reservation again = IdempotencyKeyContract.keyed(request, "order-1");
                Reservation retrySameNumber = IdempotencyKeyContract.keyed(keyed.trackingNumber(), request, "order-1");
                Reservation other = IdempotencyKeyContract.keyed(request, "order-2");
                assertThat(store.reserve(List.of(again))).containsExactly(ReservationOutcome.keyHeld(keyed.toIssued()));
                assertThat(store.reserve(List.of(other, again, retrySameNumber))).containsExactly(
                        ReservationOutcome.RESERVED, ReservationOutcome.keyHeld(keyed.toIssued()),
                        ReservationOutcome.keyHeld(keyed.toIssued()));

                try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                        .build()) {
                    ShipmentRequest order = TestRequests.unique();
                    IssuedTrackingNumber issued = generator.next(order, "order-3");
                    assertThat(generator.next(order, "order-3")).isEqualTo(issued);
                }
            }

            // a DBA's unique index (on an empty table of its own), there before the store starts:
            // fatal, unnamed, never "taken"
            JdbcReservationStore.builder().dataSource(pool).table(dbaTable).build().close();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX " + dbaTable + "_dba ON " + dbaTable + " (customer_slug)");
            }
            try (JdbcReservationStore store = JdbcReservationStore.builder().dataSource(pool).table(dbaTable).build()) {
                ShipmentRequest secret = new ShipmentRequest("MY", "ID", new BigDecimal("1.5"),
                        OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(), SECRET_NAME, SECRET_SLUG);
                assertThat(store.reserve(List.of(ErrorClassificationContract.reservation(
                        ErrorClassificationContract.number(), secret)))).containsExactly(ReservationOutcome.RESERVED);
                Reservation clash = ErrorClassificationContract.reservation(ErrorClassificationContract.number(), secret);
                Reservation fine = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
                List<ReservationOutcome> outcomes = store.reserve(List.of(fine, clash));
                assertThat(outcomes).extracting(ReservationOutcome::status).containsExactly(Status.RESERVED, Status.FATAL);
                assertThat(outcomes.get(1).cause().getMessage()).contains("a unique index the database did not name")
                        .contains("not Tracknum's");
                for (Throwable t = outcomes.get(1).cause(); t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET_NAME).doesNotContain(SECRET_SLUG);
                }
                try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                        .build()) {
                    assertThatThrownBy(() -> generator.next(secret)).hasMessageContaining("not Tracknum's")
                            .hasMessageNotContaining(SECRET_NAME);
                }
            }
        } finally {
            TestDatabases.drop(url, table);
            TestDatabases.drop(url, dbaTable);
        }
    }

    /** The premise: through this pool, a duplicate key really is reported in German, naming no index the store reads. */
    private static void assertGermanDuplicateMessages(HikariDataSource pool, String table) throws SQLException {
        Reservation r = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
        String[] row = NumberTable.values(r);
        NumberTable numbers = NumberTable.named(table);
        try (Connection c = pool.getConnection()) {
            Dialect dialect = Dialect.detect(c.getMetaData(), ErrorClassificationContract.timeouts(),
                    org.tracknum.Durability.STRICT);
            dialect.insert(c, numbers, List.<String[]>of(row), dialect.insertSql(numbers, 1));
            assertThatThrownBy(() -> dialect.insert(c, numbers, List.<String[]>of(row), dialect.insertSql(numbers, 1)))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1062);
                        assertThat(e.getMessage()).contains("Schlüssel").doesNotContain("for key");
                        assertThat(dialect.uniqueViolation(e).unidentified()).isTrue();
                    });
        }
    }
}
