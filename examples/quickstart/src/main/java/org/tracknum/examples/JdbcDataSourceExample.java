package org.tracknum.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.jdbc.JdbcReservationStore;

/**
 * Numbers claimed in your own database through your own HikariCP pool. The store creates its table
 * if absent, checks that the database keeps commits, and leaves your pool open when the generator
 * closes.
 *
 * <pre>
 * java -cp tracknum-server.jar org.tracknum.examples.JdbcDataSourceExample \
 *      'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' [table]
 * </pre>
 */
public final class JdbcDataSourceExample {
    static final String DEFAULT_URL = "jdbc:h2:file:./data/jdbc-example";

    private JdbcDataSourceExample() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : DEFAULT_URL, args.length > 1 ? args[1] : "tracknum_numbers", System.out);
    }

    static IssuedTrackingNumber run(String jdbcUrl, String table, PrintStream out) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);          // the generator's lanes (default 2), plus lookups
        config.setConnectionTimeout(3_000);    // bound every wait for a connection
        config.setPoolName("orders-db");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                    .store(JdbcReservationStore.builder().dataSource(dataSource).table(table).build())
                    .build()) {
                IssuedTrackingNumber issued = generator.next(request());
                out.println("issued " + issued.trackingNumber() + " in table " + table);
                out.println("found again: " + generator.find(issued.trackingNumber()).isPresent());
                return issued;
            } finally {
                out.println("your pool is still open after the generator closed: " + !dataSource.isClosed());
            }
        }
    }

    static ShipmentRequest request() {
        return ShipmentRequest.fromParameters(Map.of(
                "origin_country_id", "MY", "destination_country_id", "ID", "weight", "1.234",
                "created_at", "2018-11-20T19:29:32+08:00", "customer_id", UUID.randomUUID().toString(),
                "customer_name", "RedBox Logistics", "customer_slug", "redbox-logistics"));
    }
}
