package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tracknum.ci.DocumentedDefaults;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.TrackingNumberSetting;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The Redis keys: documented defaults, what reaches the provider, a client handed in as a resource. */
class RedisSettingsTest {
    private static final Pattern KEY = Pattern.compile("`(tracknum\\.redis\\.[a-z0-9.-]+)`");


    @Test
    void readmeAndDocsStateTheBuildersDefaults() throws IOException {
        List<TrackingNumberSetting> redis = TrackingNumberConfiguration.settings().stream()
                .filter(s -> s.key().startsWith("tracknum.redis.")).toList();
        assertThat(redis).hasSize(RedisSetting.values().length);
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "redis.md"))) {
            Map<String, Optional<String>> documented = DocumentedDefaults.read(doc, KEY);
            for (TrackingNumberSetting s : redis) {
                assertThat(documented).as("%s has no row for %s", doc, s.key()).containsKey(s.key());
                assertThat(documented.get(s.key()))
                        .as("%s and RedisReservationStore.Builder disagree on the default of %s", doc, s.key())
                        .isEqualTo(s.defaultValue());
            }
            assertThat(redis.stream().map(TrackingNumberSetting::key).toList())
                    .as("%s documents Redis keys the store does not know", doc).containsAll(documented.keySet());
        }
    }

    @Test
    void theGeneratorsRetryBudgetReachesTheStoreThroughStoreSettings() {
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().configuration(TrackingNumberConfiguration.fromMap(
                Map.of("tracknum.store", "redis", "tracknum.redis.url", "redis://h:1", "tracknum.retry.budget", "1500ms",
                        "tracknum.retry.max-backoff", "100ms"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.timeout (2000 ms) must be below tracknum.retry.budget (1500 ms)");
        assertThat(RedisReservationStore.builder().generatorLanes(5).connections).isEqualTo(18);
    }

    @Test
    void aMisspeltRedisKeyNamesTheKeyItProbablyMeant() {
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().configuration(TrackingNumberConfiguration.fromMap(
                Map.of("tracknum.store", "redis", "tracknum.redis.key-prefx", "x:"))).build())
                .hasMessageContaining("did you mean tracknum.redis.key-prefix?");
    }

    @Test
    void aClientResourceIsUsedWithoutUrlOrClusterAndStaysOpen() {
        LocalRedis.requireReachable();
        String prefix = LocalRedis.uniquePrefix("resource");
        try (UnifiedJedis client = RedisClient.create(LocalRedis.URL)) {
            TrackingNumberConfiguration c = TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "redis",
                    "tracknum.redis.key-prefix", prefix, "tracknum.redis.durability", "relaxed"))
                    .withResource(UnifiedJedis.class, client);
            IssuedTrackingNumber issued;
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().configuration(c).build()) {
                issued = generator.next(TestRequests.unique());
            }
            assertThat(client.get(prefix + issued.trackingNumber())).isNotNull(); // still open
        } finally {
            assertThat(LocalRedis.deleteKeys(prefix)).isEqualTo(1);
        }
    }
}
