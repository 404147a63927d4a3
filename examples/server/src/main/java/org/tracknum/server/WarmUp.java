package org.tracknum.server;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;

/**
 * Loads request validation and JSON writing on a side thread while the store connects, so that the
 * first request does not pay for their start-up (each takes hundreds of milliseconds on a cold JVM).
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {
    }

    static Thread start() {
        Thread thread = new Thread(WarmUp::run, "tracknum-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run() {
        try {
            ShipmentRequest sample = ShipmentRequest.fromParameters(Map.of("origin_country_id", "MY",
                    "destination_country_id", "ID", "weight", "1.234", "created_at", "2018-11-20T19:29:32+08:00",
                    "customer_id", UUID.randomUUID().toString(), "customer_name", "Warm Up", "customer_slug", "warm-up"));
            IssuedTrackingNumber issued = new IssuedTrackingNumber("MYID000000000000", sample, Instant.now());
            JsonBodies.write(JsonBodies.Issued.of(issued));
            JsonBodies.write(JsonBodies.Stored.of(issued));
            QueryParameters.parse("customer_name=Warm+Up%21");
        } catch (RuntimeException e) {
            LOG.debug("warm-up failed; the first request will load what it needs", e);
        }
    }
}
