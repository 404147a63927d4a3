package org.tracknum.benchmarks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.tracknum.ShipmentRequest;

/** The request every benchmark issues numbers for (validated once, outside the measured code). */
public final class Requests {
    private Requests() {
    }

    public static ShipmentRequest sample() {
        return new ShipmentRequest("MY", "ID", new BigDecimal("1.234"),
                OffsetDateTime.parse("2018-11-20T19:29:32+08:00"),
                UUID.fromString("de619854-b59b-425e-9db4-943979e1bd49"), "RedBox Logistics", "redbox-logistics");
    }
}
