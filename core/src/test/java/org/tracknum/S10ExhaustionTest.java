package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A 1,000-serial S10 block is filled completely by random draws, without a duplicate, and then
 * ends in {@link NumberSpaceExhaustedException} naming the format, its capacity and the attempts.
 */
class S10ExhaustionTest {
    private static final int FIRST = 12_345_000;
    private static final int LAST = 12_345_999;
    /**
     * The last free serial is found with probability 1/1000 per draw: 50,000 consecutive misses
     * happen with probability (999/1000)^50000 ≈ e^-50, so filling the block never fails by chance.
     */
    private static final int MAX_COLLISIONS = 50_000;

    @Test
    void fillsTheRangeThenReportsExhaustion() {
        TrackingNumberFormat format = TrackingNumberFormat.s10("RR", FIRST, LAST);
        ShipmentRequest request = FormatFixtures.request("MY", "ID");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new MemoryReservationStore())
                .format(format)
                .retryPolicy(RetryPolicy.builder().maxCollisions(MAX_COLLISIONS).build())
                .build()) {
            Set<String> issued = new HashSet<>();
            Set<Integer> serials = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                String number = generator.next(request).trackingNumber();
                assertThat(issued.add(number)).as("duplicate %s", number).isTrue();
                assertThat(format.matches(number)).as(number).isTrue();
                assertThat(number).startsWith("RR").endsWith("MY");
                serials.add(Integer.parseInt(number.substring(2, 10)));
            }
            assertThat(serials).hasSize(1000).allSatisfy(s -> assertThat(s).isBetween(FIRST, LAST));
            assertThatThrownBy(() -> generator.next(request))
                    .isInstanceOf(NumberSpaceExhaustedException.class)
                    .satisfies(e -> System.out.println("S10 block full: " + e.getMessage()))
                    .hasMessageContainingAll("S10 RR, serials 12345000-12345999", "capacity 1000",
                            MAX_COLLISIONS + " consecutive candidates");
            assertThat(generator.next(FormatFixtures.request("DE", "MY")).trackingNumber())
                    .as("another origin country has its own space").endsWith("DE");
        }
    }
}
