package org.tracknum.testkit;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.tracknum.ShipmentRequest;

/**
 * Valid requests for store tests: each has a fresh random customer id, so that every call's request
 * is unique and a stored number can be traced back to the call it was issued to.
 */
public final class TestRequests {
    private TestRequests() {
    }

    /** A valid request with a fresh random customer id, so that every call's request is unique. */
    public static ShipmentRequest unique() {
        return new ShipmentRequest("MY", "ID", new BigDecimal("1.250"),
                OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(),
                "RedBox Logistics", "redbox-logistics");
    }

    /**
     * A request that exercises every field's edges: non-UTC offset with microseconds, the largest
     * weight, a 255-code-point name with characters outside the BMP and combining marks, a
     * 255-character slug.
     */
    public static ShipmentRequest demanding() {
        StringBuilder name = new StringBuilder("Zoë 山田 ");
        while (name.codePointCount(0, name.length()) < 254) {
            name.appendCodePoint(0x1F4E6); // package emoji, outside the BMP
        }
        name.append('é');
        String slug = "a-" + "b".repeat(253);
        return new ShipmentRequest("np", "US", new BigDecimal("99999.999"),
                OffsetDateTime.parse("2024-02-29T23:59:59.123456+05:45"), UUID.randomUUID(),
                name.toString(), slug);
    }

    /** A request with a negative offset, no fraction and the smallest weight. */
    public static ShipmentRequest westward() {
        return new ShipmentRequest("CA", "BR", new BigDecimal("0.001"),
                OffsetDateTime.parse("1999-12-31T20:30:00-03:30"), UUID.randomUUID(),
                "O'Brien & Søn", "obrien-son-1");
    }
}
