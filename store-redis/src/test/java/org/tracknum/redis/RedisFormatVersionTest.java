package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.RedisClient;

/**
 * The value's format version as a contract, against the local Redis: the documented examples of
 * versions 1 (Tracknum 0.1) and 2 (a number issued with an idempotency key) read back; a value of
 * a newer version cannot be checked at start, so reading it fails with an error that names the
 * version and the number only, and writing over it is refused like any other holder of the number.
 */
class RedisFormatVersionTest {

    @BeforeAll
    static void requireLocalRedis() {
        LocalRedis.requireReachable();
    }

    /** The two examples of docs/redis.md, written as raw strings the way 0.1 and this version write them. */
    @Test
    void theDocumentedValuesOfVersionsOneAndTwoRead() {
        String prefix = LocalRedis.uniquePrefix("format");
        String v1 = "1|3f0c5e0e-6c44-4b8e-9d1a-2a8f0b6f9a11|2026-11-27T10:15:30.123456Z|MY|ID|1.250|"
                + "2018-11-20T19:29:32+08:00|9b2d4c1e-0f7a-4e55-8a3b-6d1c2e9f0a77|redbox-sdn-bhd|RedBox Sdn. Bhd.";
        String v2 = "2|3f0c5e0e-6c44-4b8e-9d1a-2a8f0b6f9a11|2026-11-27T10:15:30.123456Z|MY|ID|1.250|"
                + "2018-11-20T19:29:32+08:00|9b2d4c1e-0f7a-4e55-8a3b-6d1c2e9f0a77|redbox-sdn-bhd|MYIDK3J9QX2M7PLB|"
                + "order%7C4711|RedBox Sdn. Bhd.";
        UUID customer = UUID.fromString("9b2d4c1e-0f7a-4e55-8a3b-6d1c2e9f0a77");
        try (RedisClient direct = RedisClient.create(LocalRedis.URL);
             RedisReservationStore store = RedisReservationStore.builder().url(LocalRedis.URL).keyPrefix(prefix)
                     .durability(org.tracknum.Durability.RELAXED).build();
             TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            direct.set(prefix + "MYIDK3J9QX2M7PLA", v1);
            direct.set(prefix + "MYIDK3J9QX2M7PLB", v2);
            direct.set(prefix + "k:" + customer + ":order%7C4711", v2);
            IssuedTrackingNumber one = generator.find("MYIDK3J9QX2M7PLA").orElseThrow();
            IssuedTrackingNumber two = generator.find("MYIDK3J9QX2M7PLB").orElseThrow();
            assertThat(two.request()).isEqualTo(one.request());
            assertThat(two.issuedAt()).isEqualTo(one.issuedAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30.123456Z"));
            assertThat(one.request().customerName()).isEqualTo("RedBox Sdn. Bhd.");
            assertThat(one.request().weightKg()).hasToString("1.250");
            assertThat(generator.findByIdempotencyKey(customer, "order|4711")).contains(two);
            assertThat(generator.next(two.request(), "order|4711")).as("a replay of the stored key").isEqualTo(two);
            assertThat(generator.findByIdempotencyKey(customer, "order%7C4711")).isEmpty();
        } finally {
            LocalRedis.deleteKeys(prefix);
        }
    }

    @Test
    void aValueOfANewerVersionIsAClearErrorNamingOnlyTheNumber() {
        String prefix = LocalRedis.uniquePrefix("format");
        String number = "MYIDK3J9QX2M7PLA";
        String newer = "3|" + UUID.randomUUID() + "|2027-01-01T00:00:00Z|MY|ID|1.250|2027-01-01T08:00+08:00|"
                + UUID.randomUUID() + "|secret-slug|some-new-field|Secret Customer";
        try (RedisClient direct = RedisClient.create(LocalRedis.URL);
             RedisReservationStore store = RedisReservationStore.builder().url(LocalRedis.URL).keyPrefix(prefix)
                     .durability(org.tracknum.Durability.RELAXED).build();
             TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store).build()) {
            direct.set(prefix + number, newer);
            assertThatThrownBy(() -> generator.find(number)).isInstanceOf(TrackingNumberException.class)
                    .hasMessageContaining("tracking number " + number + " has format version 3")
                    .hasMessageContaining("it reads versions 1 and 2")
                    .hasMessageContaining("upgrade this application")
                    .hasMessageNotContaining("Secret").hasMessageNotContaining("secret-slug");
            Reservation r = new Reservation(UUID.randomUUID(), number, TestRequests.unique(), Instant.now());
            assertThat(store.reserve(List.of(r))).containsExactly(ReservationOutcome.TAKEN);
            assertThat(direct.get(prefix + number)).isEqualTo(newer);
        } finally {
            LocalRedis.deleteKeys(prefix);
        }
    }
}
