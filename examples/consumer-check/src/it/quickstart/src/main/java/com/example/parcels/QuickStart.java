package com.example.parcels;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.ReservationStoreProvider;

/** The README's quick start, as a user's project outside the Tracknum build compiles and runs it. */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        // --- the README's quick start, unchanged ---
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new MemoryReservationStore())          // not durable: tests, single process
                .build()) {
            ShipmentRequest request = new ShipmentRequest("MY", "ID", new BigDecimal("1.234"),
                    OffsetDateTime.parse("2018-11-20T19:29:32+08:00"),
                    UUID.fromString("de619854-b59b-425e-9db4-943979e1bd49"), "RedBox Logistics", "redbox-logistics");
            IssuedTrackingNumber issued = generator.next(request);   // e.g. MYIDK3J9QX7P2MZA, durable when it returns
            boolean found = generator.find(issued.trackingNumber())  // Optional of the same record, every field as given
                    .filter(issued::equals).isPresent();
            // --- end of the quick start ---
            if (!found || !issued.trackingNumber().matches("MYID[0-9A-Z]{12}")) {
                throw new IllegalStateException("quick start did not round-trip: " + issued.trackingNumber());
            }
            System.out.println("consumer-check: issued " + issued.trackingNumber() + " and found it again");
        }

        // The stores' jars and what they pull in transitively came from the published POMs alone.
        List<String> stores = new ArrayList<>();
        for (ReservationStoreProvider provider : ServiceLoader.load(ReservationStoreProvider.class)) {
            stores.add(provider.name());
        }
        stores.sort(null);
        Class.forName("com.zaxxer.hikari.HikariDataSource");
        Class.forName("redis.clients.jedis.UnifiedJedis");
        System.out.println("consumer-check: stores " + stores + " with HikariCP and Jedis on the classpath");
    }
}
