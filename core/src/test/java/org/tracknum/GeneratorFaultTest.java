package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.ScriptedFaultStore.Fault;

/**
 * The generator's retry and ownership rules (invariants 3 and 4) under injected store failures.
 * The randomised run checked with the store kit's history checker is the kit's
 * {@code GeneratorUnderRandomFaultsTest} (core's tests cannot depend on the kit, which depends on core).
 */
class GeneratorFaultTest {
    private final ScriptedFaultStore store = new ScriptedFaultStore();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger burned = new AtomicInteger();
    private final List<String> drawn = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TrackingNumberGenerator generator(Duration budget) {
        return TrackingNumberGenerator.builder()
                .store(store)
                .retryPolicy(RetryPolicy.builder().budget(budget).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(20)).build())
                .candidateSource(request -> {
                    String c = TrackingNumberFormat.defaultFormat().candidate(request);
                    drawn.add(c);
                    return c;
                })
                .listener(new TrackingNumberListener() {
                    @Override
                    public void retry(int attempt, Duration elapsed) {
                        retries.incrementAndGet();
                    }

                    @Override
                    public void burned(Duration elapsed) {
                        burned.incrementAndGet();
                    }
                })
                .build();
    }

    /** Fails the first {@code n} reservations with {@code fault}, then lets everything through. */
    private static java.util.function.Function<org.tracknum.spi.Reservation, Fault> first(int n, Fault fault) {
        AtomicInteger left = new AtomicInteger(n);
        return r -> left.getAndDecrement() > 0 ? fault : Fault.NONE;
    }

    @Test
    void transientFailuresAreRetriedWithTheSameCandidate() {
        store.reserveFaults = first(3, Fault.TRANSIENT);
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(5))) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(retries).hasValue(3);
            assertThat(drawn).containsExactly(issued.trackingNumber());
            assertThat(store.find(issued.trackingNumber())).contains(issued);
        }
    }

    @Test
    void transientFailuresPastTheBudgetEndInStoreUnavailable() {
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator(Duration.ofMillis(200))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("unavailable after");
            assertThat(store.memory.size()).isZero();
        }
    }

    @Test
    void ambiguousWriteThatCommittedIsReturnedAsOurs() {
        store.reserveFaults = first(1, Fault.AMBIGUOUS_WRITTEN);
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(5))) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(drawn).containsExactly(issued.trackingNumber());
            assertThat(store.verifyCalls).hasValue(1);
            assertThat(burned).hasValue(0);
        }
    }

    @Test
    void ambiguousWriteThatDidNotCommitIsBurnedAndNeverReturned() {
        store.reserveFaults = first(1, Fault.AMBIGUOUS_LOST);
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(5))) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(drawn).hasSize(2);
            assertThat(issued.trackingNumber()).isEqualTo(drawn.get(1));
            assertThat(burned).hasValue(1);
        }
    }

    @Test
    void ambiguousWriteWhoseOwnershipCannotBeCheckedEndsInStoreUnavailable() {
        store.reserveFaults = first(1, Fault.AMBIGUOUS_WRITTEN);
        store.verifyFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator(Duration.ofMillis(200))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(store.verifyCalls.get()).isGreaterThan(1);
        }
    }

    @Test
    void unexpectedExceptionFromTheStoreIsTreatedAsAmbiguous() {
        store.reserveFaults = first(1, Fault.THROW_WRITTEN);
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(5))) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(store.verifyCalls).hasValue(1);
            assertThat(drawn).containsExactly(issued.trackingNumber());
        }
    }

    @Test
    void fatalFailureFailsFastWithItsCause() {
        store.reserveFaults = r -> Fault.FATAL;
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isExactlyInstanceOf(TrackingNumberException.class)
                    .hasMessageContaining("refused the reservation")
                    .hasRootCauseMessage("injected fatal");
            assertThat(retries).hasValue(0);
        }
    }

    @Test
    void fatalFailureWhileVerifyingFailsFast() {
        store.reserveFaults = first(1, Fault.AMBIGUOUS_WRITTEN);
        store.verifyFaults = r -> Fault.FATAL;
        try (TrackingNumberGenerator generator = generator(Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique()))
                    .isExactlyInstanceOf(TrackingNumberException.class);
        }
    }
}
