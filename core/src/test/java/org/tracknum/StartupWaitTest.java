package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreFailure;

/** The generator's build() waits for a store that is still starting, within the start-up budget. */
class StartupWaitTest {

    /** A store whose ping fails with {@code status} for its first {@code failures} calls. */
    private static final class StartingStore extends ScriptedFaultStore {
        final AtomicInteger pings = new AtomicInteger();
        final int failures;
        final Status status;

        StartingStore(int failures, Status status) {
            this.failures = failures;
            this.status = status;
        }

        @Override
        public void ping() {
            if (pings.incrementAndGet() <= failures) {
                throw new StoreFailure(status, "LOADING the dataset", null);
            }
        }
    }

    @Test
    void buildWaitsUntilTheStoreAnswers() {
        StartingStore store = new StartingStore(4, Status.TRANSIENT);
        try (TrackingNumberGenerator g = TrackingNumberGenerator.builder().store(store)
                .startupBudget(Duration.ofSeconds(20)).build()) {
            assertThat(store.pings).hasValue(5);
            assertThat(g.isStoreReachable()).isTrue();
        }
    }

    @Test
    void aFatalPingFailsAtOnce() {
        StartingStore store = new StartingStore(100, Status.FATAL);
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).startupBudget(Duration.ofSeconds(20))
                .build()).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("unreachable");
        assertThat(store.pings).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void afterTheBudgetItNamesWhatItWaitedFor() {
        StartingStore store = new StartingStore(Integer.MAX_VALUE, Status.TRANSIENT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).startupBudget(Duration.ofMillis(700))
                .build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("store scripted-faults is unreachable: LOADING the dataset")
                .hasMessageContaining("to become available")
                .hasMessageContaining("start-up budget 700ms");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsed).isGreaterThanOrEqualTo(700);
        assertThat(store.pings.get()).isGreaterThan(2);
    }

    @Test
    void aZeroBudgetTriesOnce() {
        StartingStore store = new StartingStore(1, Status.TRANSIENT);
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).startupBudget(Duration.ZERO).build())
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("unreachable");
        assertThat(store.pings).hasValue(1);
    }

    @Test
    void anInterruptedThreadStopsWaitingAndKeepsItsInterrupt() throws Exception {
        StartingStore store = new StartingStore(Integer.MAX_VALUE, Status.TRANSIENT);
        CompletableFuture<Thread> waiting = new CompletableFuture<>();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            waiting.complete(Thread.currentThread());
            try {
                TrackingNumberGenerator.builder().store(store).startupBudget(Duration.ofMinutes(1)).build().close();
                outcome.complete("built");
            } catch (RuntimeException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? e : "interrupt lost: " + e);
            }
        });
        builder.start();
        try {
            waiting.get(10, TimeUnit.SECONDS);
            while (store.pings.get() < 2) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            builder.interrupt();
            Object result = outcome.get(10, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(StoreUnavailableException.class);
            assertThat(((Exception) result).getMessage()).contains("interrupted while waiting for store scripted-faults");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            builder.interrupt();
            builder.join(10_000);
        }
        assertThat(builder.isAlive()).isFalse();
    }

    @Test
    void theDefaultIsThirtySecondsOrTheRetryBudgetIfLonger() {
        assertThat(TrackingNumberGenerator.builder().effectiveStartupBudget()).isEqualTo(StartupWait.DEFAULT_BUDGET)
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(TrackingNumberGenerator.builder().retryPolicy(RetryPolicy.builder().budget(Duration.ofMinutes(2))
                .build()).effectiveStartupBudget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(TrackingNumberGenerator.builder().retryPolicy(RetryPolicy.builder().budget(Duration.ofMinutes(2))
                .build()).startupBudget(Duration.ofSeconds(1)).effectiveStartupBudget()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void outOfRangeBudgetsNameTheSetting() {
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(new MemoryReservationStore())
                .startupBudget(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("startupBudget(")
                .hasMessageContaining("from 0 (no waiting) to 1 h");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().configuration(TrackingNumberConfiguration.fromMap(
                Map.of("tracknum.store", "memory", "tracknum.startup.budget", "90m"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.startup.budget=")
                .hasMessageContaining("from 0 (no waiting) to 1 h");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().configuration(TrackingNumberConfiguration.fromMap(
                Map.of("tracknum.store", "memory", "tracknum.startup.budget", "soon"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.startup.budget=soon is invalid");
    }

    @Test
    void theConfiguredBudgetReachesTheGenerator() {
        StartingStore store = new StartingStore(Integer.MAX_VALUE, Status.TRANSIENT);
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(store).configuration(
                TrackingNumberConfiguration.fromMap(Map.of("tracknum.startup.budget", "300ms"))).build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("start-up budget 300ms");
    }
}
