package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    @Test
    void pingsAtMostOncePerIntervalHoweverManyAsk() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        HealthProbe probe = new HealthProbe(() -> {
            pings.incrementAndGet();
            sleep(50); // a slow store: callers arriving meanwhile wait for this ping
            return true;
        }, 1_000_000_000L);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                answers.add(callers.submit(() -> {
                    Boolean fresh = probe.fresh();
                    return fresh != null ? fresh : probe.probe();
                }));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(pings.get()).as("pings for 2,000 health calls within a second").isEqualTo(1);
    }

    @Test
    void pingsAgainOnceTheResultIsStaleAndReportsFailuresAsDown() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        HealthProbe probe = new HealthProbe(() -> {
            if (pings.incrementAndGet() > 1) {
                throw new IllegalStateException("store gone");
            }
            return true;
        }, 20_000_000L);
        assertThat(probe.probe()).isTrue();
        assertThat(probe.fresh()).isTrue();
        Thread.sleep(40);
        assertThat(probe.fresh()).isNull();
        assertThat(probe.probe()).isFalse();
        assertThat(pings.get()).isEqualTo(2);
    }

    @Test
    void aRequestTheStoreAnsweredCountsAsAPing() {
        AtomicInteger pings = new AtomicInteger();
        HealthProbe probe = new HealthProbe(() -> pings.incrementAndGet() < 0, 1_000_000_000L);
        assertThat(probe.probe()).as("the ping says DOWN").isFalse();
        probe.storeAnswered();
        assertThat(probe.fresh()).isTrue();
        assertThat(probe.probe()).isTrue();
        probe.storeFailed();
        assertThat(probe.fresh()).as("a request the store failed").isFalse();
        assertThat(pings.get()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
