package org.tracknum.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.tracknum.FieldError;
import org.tracknum.InvalidRequestException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;

/**
 * The smallest use: one generator per application, a request built in code or from the API's
 * parameters, a number issued and found again. The memory store keeps numbers unique within this
 * process only; use the JDBC or Redis store to share them and keep them across restarts.
 */
public final class QuickStartExample {
    private QuickStartExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static IssuedTrackingNumber run(PrintStream out) {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new MemoryReservationStore())
                .build()) {
            ShipmentRequest typed = new ShipmentRequest("MY", "ID", new BigDecimal("1.234"),
                    OffsetDateTime.parse("2018-11-20T19:29:32+08:00"),
                    UUID.fromString("de619854-b59b-425e-9db4-943979e1bd49"), "RedBox Logistics", "redbox-logistics");
            IssuedTrackingNumber issued = generator.next(typed);
            out.println("issued " + issued.trackingNumber() + " at " + issued.issuedAt());
            out.println("found again: " + generator.find(issued.trackingNumber()).isPresent());

            ShipmentRequest fromQuery = ShipmentRequest.fromParameters(Map.of(
                    "origin_country_id", "sg", "destination_country_id", "TH", "weight", "0.5",
                    "created_at", "2024-02-29T08:15:00Z", "customer_id", UUID.randomUUID().toString(),
                    "customer_name", "Lion City Parcels", "customer_slug", "lion-city-parcels"));
            out.println("issued " + generator.next(fromQuery).trackingNumber() + " for a request read from parameters");

            try {
                ShipmentRequest.fromParameters(Map.of("origin_country_id", "Malaysia", "weight", "-1"));
            } catch (InvalidRequestException e) {
                for (FieldError error : e.errors()) {
                    out.println("rejected " + error.field() + ": " + error.message());
                }
            }
            return issued;
        }
    }
}
