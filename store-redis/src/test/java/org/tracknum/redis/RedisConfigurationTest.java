package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;

/** {@code tracknum.store=redis} through {@link TrackingNumberGenerator#fromProperties}. */
class RedisConfigurationTest {

    private static Properties redis(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("tracknum.store", "redis");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void issuesAndFindsNumbersFromProperties() {
        LocalRedis.requireReachable();
        String prefix = LocalRedis.uniquePrefix("configuration");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(redis(
                "tracknum.redis.url", LocalRedis.URL, "tracknum.redis.key-prefix", prefix,
                "tracknum.redis.durability", "relaxed", "tracknum.redis.timeout", "1500ms"))) {
            IssuedTrackingNumber issued = generator.next(TestRequests.demanding());
            assertThat(generator.find(issued.trackingNumber())).contains(issued);
            assertThat(generator.toString()).contains("redis redis://").contains(prefix);
        } finally {
            assertThat(LocalRedis.deleteKeys(prefix)).isEqualTo(1);
        }
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.url (redis://host:6379) or tracknum.redis.cluster");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "http://x:1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.url must start with redis:// or rediss://");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.cluster", "h:2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("give exactly one of tracknum.redis.url, tracknum.redis.cluster (got 2)");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.cluster", "h:1,h2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.cluster entry 'h2' is invalid");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.key-prefix", "{tn}:")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.key-prefix={tn}: contains { or }")
                .hasMessageContaining("tracknum.redis.single-slot=true");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.durability", "lenient")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.durability=lenient is invalid: expected one of strict, relaxed");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.colour", "red")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown configuration key tracknum.redis.colour");
    }

    @Test
    void timeoutsMustFitTheRetryBudgetAndEachOther() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.timeout", "10s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.timeout (10000 ms) must be below tracknum.retry.budget (10000 ms)");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.wait-timeout", "100ms")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.wait-timeout is set but tracknum.redis.wait-replicas is not");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", "redis://h:1",
                "tracknum.redis.wait-replicas", "1", "tracknum.redis.wait-timeout", "2s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.wait-timeout must be at least 1 ms and below the socket timeout (2000 ms)");
    }

    @Test
    void passwordsStayOutOfMessagesAndDescriptions() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--requirepass", "s3cret-pw")) {
            String good = "redis://:s3cret-pw@127.0.0.1:" + server.port() + "/2";
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", good))) {
                assertThat(generator.next(TestRequests.unique()).trackingNumber()).hasSize(16);
                assertThat(generator.toString()).contains("redis://127.0.0.1:" + server.port() + "/2")
                        .doesNotContain("s3cret");
            }
            try (var direct = server.connect()) {
                direct.auth("s3cret-pw");
                direct.select(2);
                assertThat(direct.dbSize()).isEqualTo(1);
            }
            String wrong = "redis://:wrong-pw@127.0.0.1:" + server.port();
            assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", wrong)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("check the credentials")
                    .hasMessageNotContaining("wrong-pw");
            String malformed = "redis://:s3cret-pw@127.0.0.1:notaport";
            assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url", malformed)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void unreachableRedisIsStoreUnavailableAtBuildTime() {
        int port = RedisServer.freePort(false);
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.url",
                "redis://127.0.0.1:" + port, "tracknum.redis.timeout", "300ms",
                "tracknum.startup.budget", "0s")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:" + port);
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("tracknum.redis.cluster",
                "127.0.0.1:" + port, "tracknum.redis.timeout", "300ms",
                "tracknum.startup.budget", "0s")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot reach Redis at the nodes of tracknum.redis.cluster");
    }
}
