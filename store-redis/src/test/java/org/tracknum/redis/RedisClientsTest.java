package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisSentinelClient;

/** Stores over clients the user builds: they are used as given and never closed by the store. */
class RedisClientsTest {

    private static void assertWorks(RedisReservationStore store) {
        Reservation reservation = new Reservation(UUID.randomUUID(), "USCA000000000007", TestRequests.demanding(), Instant.now());
        assertThat(store.reserve(List.of(reservation))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(store.find(reservation.trackingNumber())).contains(reservation.toIssued());
    }

    @Test
    void userRedisClientIsUsedAndLeftOpen() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes");
             RedisClient client = RedisClient.create(server.url())) {
            RedisReservationStore store = RedisReservationStore.builder().client(client).keyPrefix("clients:").build();
            assertWorks(store);
            assertThat(store.describe()).isEqualTo("redis (RedisClient) prefix clients:");
            store.close();
            assertThat(client.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void timeoutsBelongToTheUsersClient() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes");
             RedisClient client = RedisClient.create(server.url())) {
            assertThatThrownBy(() -> RedisReservationStore.builder().client(client).timeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("timeout(..) applies to a client the store builds");
            assertThatThrownBy(() -> RedisReservationStore.builder().client(client).url(server.url()).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("give exactly one of url(..), cluster(..) or client(..) (got 2)");
        }
    }

    @Test
    void sentinelWorksThroughTheUsersSentinelClient() {
        try (RedisServer master = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
             RedisServer sentinel = RedisServer.startSentinel(master.port());
             RedisSentinelClient client = RedisSentinelClient.builder()
                     .masterName("mymaster")
                     .sentinels(Set.of(new HostAndPort("127.0.0.1", sentinel.port())))
                     .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(2000).build())
                     .build();
             RedisReservationStore store = RedisReservationStore.builder().client(client).build()) {
            assertWorks(store);
            assertThat(store.describe()).contains("RedisSentinelClient");
            try (var direct = master.connect()) {
                assertThat(direct.keys("tracknum:*")).containsExactly("tracknum:USCA000000000007");
            }
        }
    }
}
