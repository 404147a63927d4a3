package org.tracknum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/** Requests and the global number pattern shared by the format tests. */
final class FormatFixtures {
    static final Pattern TRACKING_NUMBER = Pattern.compile("^[A-Z0-9]{1,16}$");

    private FormatFixtures() {
    }

    static ShipmentRequest request(String origin, String destination) {
        return new ShipmentRequest(origin, destination, new BigDecimal("1.5"),
                OffsetDateTime.parse("2018-11-20T19:29:32+08:00"),
                UUID.fromString("6a1c4f4e-2f57-4a4c-9c2f-3c1f1d2e8b11"), "Format Test", "format-test");
    }
}
