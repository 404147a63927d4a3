package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/** The history checker fails on the store bugs it exists to catch, and passes a correct store. */
class HistoryTest {
    private final MemoryReservationStore memory = new MemoryReservationStore();

    private static TrackingNumberGenerator generator(History history, ReservationStore store) {
        return TrackingNumberGenerator.builder().store(store).candidateSource(history.candidates())
                .listener(history.listener()).build();
    }

    @Test
    void aCorrectStorePasses() {
        History history = new History();
        try (TrackingNumberGenerator generator = generator(history, new ReservationStoreContract.KeptOpen(memory))) {
            for (int i = 0; i < 100; i++) {
                assertThat(history.issue(generator)).isPresent();
            }
        }
        History.Summary summary = history.check(memory);
        assertThat(summary.calls()).isEqualTo(100);
        assertThat(summary.ok()).isEqualTo(100);
        assertThat(summary.failed()).isZero();
    }

    @Test
    void aNumberTheStoreDoesNotKeepIsReportedLost() {
        History history = new History();
        ReservationStore forgetful = new ReservationStoreContract.KeptOpen(memory) {
            @Override
            public Optional<IssuedTrackingNumber> find(String trackingNumber) {
                return Optional.empty();
            }
        };
        try (TrackingNumberGenerator generator = generator(history, forgetful)) {
            history.issue(generator);
        }
        assertThatThrownBy(() -> history.check(forgetful)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("lost: ").hasMessageContaining("lost=1");
    }

    @Test
    void aNumberReturnedTwiceIsReportedDuplicate() {
        History history = new History(request -> "MYID000000000001", Set.of());
        ReservationStore claimsEverything = new ReservationStoreContract.KeptOpen(memory) {
            @Override
            public List<ReservationOutcome> reserve(List<Reservation> batch) {
                memory.reserve(batch);
                return Collections.nCopies(batch.size(), ReservationOutcome.RESERVED);
            }
        };
        try (TrackingNumberGenerator generator = generator(history, claimsEverything)) {
            history.issue(generator);
            history.issue(generator);
        }
        assertThatThrownBy(() -> history.check(memory)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("duplicate: MYID000000000001 returned to two calls");
    }

    @Test
    void anUnexpectedFailureIsReported() {
        History history = new History();
        ReservationStore broken = new ReservationStoreContract.KeptOpen(memory) {
            @Override
            public List<ReservationOutcome> reserve(List<Reservation> batch) {
                return Collections.nCopies(batch.size(), ReservationOutcome.fatal(new IllegalStateException("refused")));
            }
        };
        try (TrackingNumberGenerator generator = generator(history, broken)) {
            assertThat(history.issue(generator)).isEmpty();
        }
        assertThatThrownBy(() -> history.check(memory)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("unexpected failure");
    }
}
