package org.tracknum.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;

/** Without Spring, as a plain-Java application uses it. */
class MicrometerTrackingNumberListenerTest {

    @Test
    void registersEveryMeterUpFrontTaggedWithTheStore() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MicrometerTrackingNumberListener(registry, "jdbc");
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains("tracknum.issued",
                "tracknum.collisions", "tracknum.retries", "tracknum.burned", "tracknum.failures");
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("store")).isEqualTo("jdbc"));
        assertThat(registry.find("tracknum.failures").counters()).extracting(c -> c.getId().getTag("exception"))
                .containsExactlyInAnyOrder("StoreUnavailableException", "NumberSpaceExhaustedException",
                        "TrackingNumberException");
    }

    @Test
    void eachEventUpdatesItsMeter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTrackingNumberListener listener = new MicrometerTrackingNumberListener(registry, "redis");
        listener.issued(Duration.ofMillis(3));
        listener.collision(Duration.ZERO);
        listener.collision(Duration.ZERO);
        listener.retry(1, Duration.ZERO);
        listener.burned(Duration.ZERO);
        listener.failure(new StoreUnavailableException("down", null), Duration.ZERO);
        listener.failure(new ConfigurationException("odd"), Duration.ZERO);
        assertThat(registry.get("tracknum.issued").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(3.0);
        assertThat(registry.get("tracknum.collisions").counter().count()).isEqualTo(2);
        assertThat(registry.get("tracknum.retries").counter().count()).isEqualTo(1);
        assertThat(registry.get("tracknum.burned").counter().count()).isEqualTo(1);
        assertThat(registry.get("tracknum.failures").tag("exception", "StoreUnavailableException").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tracknum.failures").tag("exception", "ConfigurationException").counter().count())
                .isEqualTo(1);
    }

    /** Counting does not allocate: the meters are looked up once (failures once per exception class). */
    @Test
    void countingAllocatesNothingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTrackingNumberListener listener = new MicrometerTrackingNumberListener(registry, "memory");
        StoreUnavailableException failure = new StoreUnavailableException("down", null);
        int calls = 200_000;
        exercise(listener, failure, calls); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        exercise(listener, failure, calls);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("MicrometerTrackingNumberListener: " + allocated + " bytes for " + (4 * calls) + " events");
        assertThat(allocated).isLessThan(64 * 1024L);
        Meter collisions = registry.get("tracknum.collisions").counter();
        assertThat(((io.micrometer.core.instrument.Counter) collisions).count()).isEqualTo(2.0 * calls);
    }

    private static void exercise(MicrometerTrackingNumberListener listener, StoreUnavailableException failure,
                                 int calls) {
        for (int i = 0; i < calls; i++) {
            listener.collision(Duration.ZERO);
            listener.retry(1, Duration.ZERO);
            listener.burned(Duration.ZERO);
            listener.failure(failure, Duration.ZERO);
        }
    }
}
