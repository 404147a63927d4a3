package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.RedisClient;

/**
 * The value's format version as a contract, against the local Redis: a value of a newer version
 * cannot be checked at start, so reading it fails with an error that names the version and the
 * number only, and writing over it is refused like any other holder of the number.
 */
class RedisFormatVersionTest {

    @BeforeAll
    static void requireLocalRedis() {
        LocalRedis.requireReachable();
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
