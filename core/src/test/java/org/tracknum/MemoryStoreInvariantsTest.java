package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's invariants that the contract and fault tests do not already state on their own:
 * bad input leaves no trace in the store (5), no weak randomness in main code (7), and no
 * customer name in what the library prints (8).
 */
class MemoryStoreInvariantsTest {

    @Test
    void badInputNeverReachesTheStore() {
        MemoryReservationStore store = new MemoryReservationStore();
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            assertThatThrownBy(() -> generator.next(ShipmentRequest.fromParameters(Map.of(
                    "origin_country_id", "XX", "destination_country_id", "ID", "weight", "1e2",
                    "customer_id", "de619854-b59b-425e-9db4-943979e1bd49",
                    "customer_name", "Secret Customer", "customer_slug", "veera_veera"))))
                    .isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).errors())
                            .extracting(FieldError::field)
                            .containsExactly("origin_country_id", "weight", "created_at", "customer_slug"))
                    .hasMessageNotContaining("Secret Customer");
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void issuedRecordsNeverPrintTheCustomerName() {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new MemoryReservationStore()).build()) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(issued.request().customerName()).isEqualTo("RedBox Logistics");
            assertThat(issued.toString()).doesNotContain("RedBox Logistics").contains("redacted");
            assertThat(generator.toString()).doesNotContain("RedBox");
        }
    }

    @Test
    void mainCodeUsesNoNonCryptographicRandomness() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(MemoryStoreInvariantsTest::usesWeakRandomness)
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertThat(offenders).as("java.util.Random, ThreadLocalRandom or Math.random in main code").isEmpty();
    }

    private static boolean usesWeakRandomness(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("new Random(") || text.contains("java.util.Random;")
                    || text.contains("ThreadLocalRandom") || text.contains("Math.random") || text.contains("SplittableRandom");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
