package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.InvalidRequestException;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;

/**
 * Issue 15's cases — an invisible character in a name, a unique index a DBA added, a corrupt row
 * written by something else — with everything the JVM prints to stderr (where slf4j-simple logs)
 * captured: neither a log line nor any message in an exception's cause chain holds the customer
 * name or the stored values.
 */
class NoCustomerDataInLogsTest {
    private static final String NAME = "Zoe Secretname";
    private static final String PLANTED = "Plantedsecret";

    @TempDir
    Path dir;

    @Test
    void noNameOrStoredValueInLogsOrMessages() throws Exception {
        List<Throwable> thrown = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            runCases(thrown);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(thrown).hasSize(3);
        assertThat(thrown.get(1)).hasMessageContaining("not Tracknum's");
        assertThat(thrown.get(2)).hasMessageContaining("not a valid Tracknum record");
        assertThat(log).doesNotContain("Secretname").doesNotContain(PLANTED);
        for (Throwable top : thrown) {
            for (Throwable t = top; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getSimpleName())
                        .doesNotContain("Secretname").doesNotContain(PLANTED);
                assertThat(t.toString()).doesNotContain("Secretname");
            }
        }
    }

    private void runCases(List<Throwable> thrown) throws Exception {
        // an invisible character (RIGHT-TO-LEFT MARK) inside the name
        thrown.add(catching(() -> request("Zoe\u200FSecretname", UUID.randomUUID())));
        assertThat(thrown.get(0)).isInstanceOf(InvalidRequestException.class);

        String url = TestDatabases.h2Url(dir);
        String table = TestDatabases.freshTable("nologs");
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).build();
             TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            // a DBA's unique index on the name: the second shipment of that customer name fails, fatally
            TestDatabases.execute(url, "CREATE UNIQUE INDEX " + table + "_names ON " + table + " (customer_name)");
            generator.next(request(NAME, UUID.randomUUID()));
            thrown.add(catching(() -> generator.next(request(NAME, UUID.randomUUID()))));

            // a row written by something else, with a created_at the store cannot read
            String number = "MYID" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            TestDatabases.execute(url, "INSERT INTO " + table + " (tracking_number, reservation_id, origin_country_id,"
                    + " destination_country_id, weight_kg, created_at, customer_id, customer_name, customer_slug,"
                    + " issued_at) VALUES ('" + number + "', '" + UUID.randomUUID() + "', 'MY', 'ID', 1.5, '"
                    + PLANTED + "', '" + UUID.randomUUID() + "', '" + PLANTED + "', 'a', '2026-01-01T00:00:00Z')");
            thrown.add(catching(() -> generator.find(number)));
        }
    }

    private static ShipmentRequest request(String name, UUID customer) {
        return new ShipmentRequest("MY", "ID", new BigDecimal("1.5"), OffsetDateTime.parse("2018-11-20T19:29:32+08:00"),
                customer, name, "zoe");
    }

    private static Throwable catching(ThrowingCall call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                caught[0] = t;
                throw t;
            }
        }).isNotNull();
        return caught[0];
    }

    interface ThrowingCall {
        Object run() throws Exception;
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
