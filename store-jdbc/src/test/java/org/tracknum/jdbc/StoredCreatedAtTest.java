package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;

/** created_at is stored as RFC 3339 text with seconds; rows written without seconds still read. */
class StoredCreatedAtTest {
    @TempDir
    Path dir;

    @Test
    void createdAtIsStoredWithSecondsAndOldTextIsStillRead() throws SQLException {
        String url = TestDatabases.sqliteUrl(dir);
        String table = TestDatabases.freshTable("created");
        ShipmentRequest request = new ShipmentRequest("MY", "ID", new BigDecimal("2.5"),
                OffsetDateTime.parse("2018-11-20T19:29+08:00"), UUID.randomUUID(), "Zoë", "a-b");
        Reservation reservation = new Reservation(UUID.randomUUID(), "TN0000000000001", request,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).build()) {
            store.reserve(List.of(reservation));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT created_at FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("2018-11-20T19:29:00+08:00");
                }
                s.executeUpdate("UPDATE " + table + " SET created_at = '2018-11-20T19:29+08:00'");
            }
            assertThat(store.find("TN0000000000001")).contains(reservation.toIssued());
        }
    }
}
