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
    private static final Pattern DEFAULT = Pattern.compile("^`([^`]*)`");

    /** Key → documented default from every table of {@code markdown} with key and default columns. */
    private static Map<String, Optional<String>> documentedDefaults(Path markdown) throws IOException {
        Map<String, Optional<String>> documented = new TreeMap<>();
        int keyColumn = -1;
        int defaultColumn = -1;
        for (String line : Files.readAllLines(markdown)) {
            if (!line.startsWith("|")) {
                keyColumn = -1;
                continue;
            }
            List<String> cells = Stream.of(line.substring(1).split("\\|", -1)).map(String::strip).toList();
            if (keyColumn < 0) {
                keyColumn = cells.indexOf("key");
                defaultColumn = cells.indexOf("default");
                keyColumn = defaultColumn < 0 ? -1 : keyColumn;
                continue;
            }
            if (cells.size() <= Math.max(keyColumn, defaultColumn) || cells.get(keyColumn).startsWith("---")) {
                continue;
            }
            Matcher value = DEFAULT.matcher(cells.get(defaultColumn));
            Optional<String> stated = value.find() ? Optional.of(value.group(1)) : Optional.empty();
            Matcher key = KEY.matcher(cells.get(keyColumn));
            while (key.find()) {
                if (documented.put(key.group(1), stated) != null) {
                    fail(markdown + " documents " + key.group(1) + " twice");
                }
            }
        }
        return documented;
    }

    @Test
    void readmeAndDocsStateTheBuildersDefaults() throws IOException {
        List<TrackingNumberSetting> redis = TrackingNumberConfiguration.settings().stream()
                .filter(s -> s.key().startsWith("tracknum.redis.")).toList();
        assertThat(redis).hasSize(RedisSetting.values().length);
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "redis.md"))) {
            Map<String, Optional<String>> documented = documentedDefaults(doc);
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
