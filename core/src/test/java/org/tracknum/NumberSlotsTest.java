package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.StoreFailure;

class NumberSlotsTest {
    private static final String SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void packingTellsApartNumbersThatDifferOnlyInLengthOrPosition() {
        List<String> numbers = List.of("A", "0A", "00A", "A0", "Z", "ZZZZZZZZZZ", "ZZZZZZZZZZZ", "0000000000",
                "00000000000", "0000000000000000", "000000000000000", "ZZZZZZZZZZZZZZZZ", "1", "10", "100000000000");
        Set<String> packed = new HashSet<>();
        for (String n : numbers) {
            assertThat(NumberSlots.high(n)).as(n).isNotZero();
            packed.add(NumberSlots.high(n) + "/" + NumberSlots.low(n));
        }
        assertThat(packed).hasSize(numbers.size());
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (String n : List.of("", "a", "MY-1", "ÄB", "12345678901234567")) {
            assertThat(NumberSlots.high(n)).as(n).isZero();
        }
        MemoryReservationStore store = new MemoryReservationStore();
        Reservation bad = new Reservation(UUID.randomUUID(), "my1", ValidRequests.withWeight(java.math.BigDecimal.ONE), Instant.EPOCH);
        assertThatThrownBy(() -> store.reserve(List.of(bad))).isInstanceOf(StoreFailure.class)
                .hasMessageContaining("^[A-Z0-9]{1,16}$");
        assertThat(store.find("my1")).isEmpty();
    }

    @Test
    void keepsEveryNumberThroughGrowthAndTellsOwnersApart() {
        long seed = System.nanoTime();
        System.out.println("NumberSlotsTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        MemoryReservationStore store = new MemoryReservationStore();
        Set<String> held = new HashSet<>();
        List<Reservation> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder n = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int c = 0; c < length; c++) {
                n.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
            }
            Reservation r = new Reservation(UUID.randomUUID(), n.toString(), ValidRequests.withWeight(java.math.BigDecimal.ONE),
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)));
            ReservationOutcome outcome = store.reserve(List.of(r)).get(0);
            assertThat(outcome).isEqualTo(held.add(r.trackingNumber()) ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
            if (outcome == ReservationOutcome.RESERVED) {
                mine.add(r);
            }
        }
        assertThat(store.size()).isEqualTo(held.size());
        for (Reservation r : mine) {
            assertThat(store.find(r.trackingNumber())).contains(r.toIssued());
            assertThat(store.verify(List.of(r))).containsExactly(ReservationOutcome.RESERVED);
            Reservation other = new Reservation(UUID.randomUUID(), r.trackingNumber(), r.request(), r.issuedAt());
            assertThat(store.verify(List.of(other))).containsExactly(ReservationOutcome.TAKEN);
            assertThat(store.reserve(List.of(r))).containsExactly(ReservationOutcome.RESERVED);
        }
    }
}
