package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracknum.spi.StoreSettings;

/** {@link TrackingNumberConfiguration}: layers, service-link variables, typos, what providers get. */
class ConfigurationLayersTest {

    private static TrackingNumberGenerator build(TrackingNumberConfiguration configuration) {
        return TrackingNumberGenerator.builder().configuration(configuration).build();
    }

    private static TrackingNumberConfiguration env(Map<String, String> variables) {
        return TrackingNumberConfiguration.fromEnvironment(new Properties(), variables);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> all = new HashMap<>(base);
        all.put(name, value);
        return all;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TRACKNUM_SERVICE_HOST | 10.0.0.1",
        "TRACKNUM_SERVICE_PORT | 8000",
        "TRACKNUM_SERVICE_PORT_HTTP | 8000",
        "TRACKNUM_PORT | tcp://10.0.0.1:8000",
        "TRACKNUM_PORT_8000_TCP | tcp://10.0.0.1:8000",
        "TRACKNUM_PORT_8000_TCP_ADDR | 10.0.0.1",
        "TRACKNUM_PORT_8000_TCP_PORT | 8000",
        "TRACKNUM_PORT_8000_TCP_PROTO | tcp",
        "TRACKNUM_REDIS_SERVICE_HOST | 10.0.0.2",
        "TRACKNUM_REDIS_SERVICE_PORT | 6379",
        "TRACKNUM_REDIS_SERVICE_PORT_REDIS | 6379",
        "TRACKNUM_REDIS_PORT | tcp://10.0.0.2:6379",
        "TRACKNUM_REDIS_PORT_6379_TCP | tcp://10.0.0.2:6379",
        "TRACKNUM_REDIS_PORT_6379_TCP_ADDR | 10.0.0.2",
        "TRACKNUM_JDBC_PORT_5432_UDP_ADDR | fd00::12",
        "TRACKNUM_STORE_SERVICE_HOST | 10.0.0.9",
        "TRACKNUM_BATCH_PORT_53_SCTP_PROTO | sctp",
        // shape alone suffices for a name that is no library key, whatever the value
        "TRACKNUM_METRICS_SERVICE_PORT_WEB | not-a-port",
    })
    void kubernetesServiceLinkVariablesAreIgnored(String name, String value) {
        TrackingNumberConfiguration c = env(Map.of("TRACKNUM_STORE", "memory", name, value));
        assertThat(c.values()).containsOnlyKeys("tracknum.store");
        try (TrackingNumberGenerator generator = build(c)) {
            assertThat(generator.next(ValidRequests.unique()).trackingNumber()).hasSize(16);
        }
    }

    /** No library key has such a name today; a future one (say tracknum.redis.port) follows this rule. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TRACKNUM_PROBE_PORT | 9000 | true",
        "TRACKNUM_PROBE_PORT | tcp://10.0.0.3:9000 | false",
        "TRACKNUM_PROBE_SERVICE_HOST | probe.example.org | true",
        "TRACKNUM_PROBE_SERVICE_HOST | 10.0.0.3 | false",
        "TRACKNUM_PROBE_SERVICE_PORT | 9000 | false",
        "TRACKNUM_PROBE_SERVICE_PORT | nine | true",
        "TRACKNUM_PROBE_PORT_80_TCP_PROTO | tcp | false",
        "TRACKNUM_PROBE_PORT_80_TCP_PROTO | http | true",
    })
    void aLibraryKeyWithAServiceLinkShapeIsHonouredUnlessItsValueIsALink(String name, String value, boolean honoured) {
        Set<String> known = Set.of("tracknum.store", "tracknum.probe.port", "tracknum.probe.service-host",
                "tracknum.probe.service-port", "tracknum.probe.port-80-tcp-proto");
        List<String> problems = new java.util.ArrayList<>();
        Map<String, String> values = TrackingNumberConfiguration.environmentValues(Map.of(name, value), known,
                List.of(), problems);
        assertThat(problems).isEmpty();
        if (honoured) {
            assertThat(values).containsOnly(Map.entry(known.stream()
                    .filter(k -> TrackingNumberSetting.environmentName(k).equals(name)).findFirst().orElseThrow(), value));
        } else {
            assertThat(values).isEmpty();
        }
    }

    @Test
    void aVariableOfNoShapeIsASettingWhateverItsValue() {
        assertThat(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_RETRY_BUDGET", "5s")).values())
                .containsEntry("tracknum.retry.budget", "5s");
        assertThat(ServiceLinks.hasShape("TRACKNUM_RETRY_BUDGET")).isFalse();
        assertThat(ServiceLinks.hasShape("TRACKNUM_JDBC_URL")).isFalse();
    }

    @Test
    void noLibraryKeyHasAServiceLinkShapeToday() {
        for (TrackingNumberSetting s : TrackingNumberConfiguration.settings()) {
            assertThat(ServiceLinks.hasShape(s.environmentName())).as(s.environmentName()).isFalse();
        }
    }

    @Test
    void aMisspeltVariableFailsAtBuildAndNamesTheVariableItProbablyMeant() {
        TrackingNumberConfiguration typo = env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_RETRY_BUDJET", "5s"));
        assertThat(typo.get("tracknum.store")).contains("memory"); // reading is fine; building refuses
        assertThatThrownBy(() -> build(typo)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown environment variable TRACKNUM_RETRY_BUDJET")
                .hasMessageContaining("did you mean TRACKNUM_RETRY_BUDGET (tracknum.retry.budget)?");
        assertThatThrownBy(() -> build(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_STOER", "memory"))))
                .hasMessageContaining("did you mean TRACKNUM_STORE (tracknum.store)?");
        assertThatThrownBy(() -> build(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_BATCH_LANE", "2"))))
                .hasMessageContaining("did you mean TRACKNUM_BATCH_LANES (tracknum.batch.lanes)?");
        assertThatThrownBy(() -> build(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_SOMETHING_ELSE", "x"))))
                .hasMessageContaining("unknown environment variable TRACKNUM_SOMETHING_ELSE: known ones are [")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void aMisspeltKeyFailsAtBuildAndNamesTheKeyItProbablyMeant() {
        Properties p = new Properties();
        p.setProperty("tracknum.store", "memory");
        p.setProperty("tracknum.batch.max-szie", "8");
        TrackingNumberConfiguration c = TrackingNumberConfiguration.fromProperties(p);
        assertThatThrownBy(() -> build(c)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown configuration key tracknum.batch.max-szie: did you mean"
                        + " tracknum.batch.max-size?");
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.format.chek", "iso7064"))))
                .hasMessageContaining("did you mean tracknum.format.check?");
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.mongo.uri", "x"))))
                .hasMessageContaining("unknown configuration key tracknum.mongo.uri: known keys are [")
                .hasMessageContaining("a store's keys are known once its module is on the classpath");
    }

    @Test
    void theApplicationsOwnPrefixIsIgnoredButMayNotHideLibraryKeys() {
        TrackingNumberConfiguration c = env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_SERVER_PORT", "8000",
                "TRACKNUM_SERVER_THREADS", "x")).ignoringEnvironmentPrefix("TRACKNUM_SERVER_");
        assertThat(c.values()).containsOnlyKeys("tracknum.store");
        build(c).close();
        assertThatThrownBy(() -> build(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_SERVER_THREADS", "8"))))
                .hasMessageContaining("unknown environment variable TRACKNUM_SERVER_THREADS");
        // TRACKNUM_SERVER_PORT has a service-link shape (Service tracknum-server): ignored even without the prefix.
        build(env(Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_SERVER_PORT", "8000"))).close();
        assertThatThrownBy(() -> build(env(Map.of("TRACKNUM_STORE", "memory")).ignoringEnvironmentPrefix("TRACKNUM_RETRY_")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRACKNUM_RETRY_ covers the library's variable TRACKNUM_RETRY_");
        assertThatThrownBy(() -> env(Map.of()).ignoringEnvironmentPrefix("tracknum_"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsLieUnderEveryOtherLayer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.properties");
        Files.writeString(file, "tracknum.batch.max-size=7\ntracknum.retry.budget=9s\n");
        Properties system = new Properties();
        system.setProperty("tracknum.batch.lanes", "5");
        TrackingNumberConfiguration c = TrackingNumberConfiguration.fromEnvironment(system,
                Map.of("TRACKNUM_CONFIG", file.toString(), "TRACKNUM_RETRY_BUDGET", "8s"))
                .withDefaults(Map.of("tracknum.store", "memory", "tracknum.batch.lanes", "1",
                        "tracknum.batch.max-size", "1", "tracknum.retry.budget", "1s", "tracknum.retry.max-collisions", "9"))
                .withDefaults(Map.of("tracknum.retry.max-collisions", "10", "tracknum.retry.max-backoff", "400ms"));
        assertThat(c.values()).containsEntry("tracknum.store", "memory")
                .containsEntry("tracknum.batch.lanes", "5")
                .containsEntry("tracknum.batch.max-size", "7")
                .containsEntry("tracknum.retry.budget", "8s")
                .containsEntry("tracknum.retry.max-collisions", "9")
                .containsEntry("tracknum.retry.max-backoff", "400ms");
        try (DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) build(c)) {
            assertThat(g.laneCount()).isEqualTo(5);
            assertThat(g.maxBatchSize()).isEqualTo(7);
            assertThat(g.retryPolicy().budget()).isEqualTo(Duration.ofSeconds(8));
            assertThat(g.retryPolicy().maxCollisions()).isEqualTo(9);
        }
        TrackingNumberConfiguration fromDefaultsOnly = TrackingNumberConfiguration.fromMap(Map.of())
                .withDefaults(Map.of("tracknum.store", "memory"));
        assertThat(fromDefaultsOnly.get("tracknum.store")).contains("memory");
        assertThatThrownBy(() -> fromDefaultsOnly.withDefaults(Map.of("server.port", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explicitBuilderSettersWinOverTheConfiguration() {
        TrackingNumberConfiguration c = TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "nosuch",
                "tracknum.batch.lanes", "5", "tracknum.retry.budget", "3s", "tracknum.format", "none"));
        RetryPolicy mine = RetryPolicy.builder().budget(Duration.ofSeconds(4)).build();
        MemoryReservationStore store = new MemoryReservationStore();
        // With an explicit store, tracknum.store is not even looked up (nosuch would fail).
        try (DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) TrackingNumberGenerator.builder()
                .lanes(3).retryPolicy(mine).store(store).configuration(c).build()) {
            assertThat(g.laneCount()).isEqualTo(3);
            assertThat(g.retryPolicy()).isSameAs(mine);
            assertThat(g.store()).isSameAs(store);
            assertThat(g.format().toString()).startsWith("16 random"); // tracknum.format=none still applies
        }
    }

    @Test
    void storeSettingsCarryLanesBudgetAndResources() {
        Object resource = new Object();
        StoreSettings s = new StoreSettings(Map.of("tracknum.x", " 1 ", "tracknum.y", " "), 6, Duration.ofSeconds(3),
                Map.of(Object.class, resource));
        assertThat(s.lanes()).isEqualTo(6);
        assertThat(s.retryBudget()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.resource(Object.class)).containsSame(resource);
        assertThat(s.resource(String.class)).isEmpty();
        assertThat(s.asMap()).containsOnly(Map.entry("tracknum.x", "1"));
        assertThat(s.getInt("tracknum.y")).isEmpty();
        assertThatThrownBy(() -> new StoreSettings(Map.of(), 1, Duration.ofSeconds(1), Map.of(String.class, 1)))
                .isInstanceOf(ClassCastException.class);
        assertThat(StoreSettings.text(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(StoreSettings.text(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(StoreSettings.text(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void badValuesFromConfigurationNameTheKeyFromCodeTheMethod() {
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.batch.lanes", "300"))))
                .hasMessageContaining("tracknum.batch.lanes=300 is invalid: expected a whole number from 1 to 256");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(new MemoryReservationStore()).lanes(300).build())
                .hasMessageContaining("lanes(300) is invalid: expected a whole number from 1 to 256");
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.retry.max-backoff", "20s"))))
                .hasMessageContaining("tracknum.retry.max-backoff=20s is invalid: it must not exceed tracknum.retry.budget (10s)");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofSeconds(20)).build())
                .hasMessageContaining("maxBackoff(20s) is invalid: it must not exceed budget(..) (10s)");
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.batch.max-size", "0"))))
                .hasMessageContaining("tracknum.batch.max-size=0 is invalid");
    }

    @Test
    void theCatalogueListsEveryKnownKeyOnceWithDescriptions() {
        List<TrackingNumberSetting> settings = TrackingNumberConfiguration.settings();
        Set<String> keys = new HashSet<>();
        for (TrackingNumberSetting s : settings) {
            assertThat(keys.add(s.key())).as("duplicate %s", s.key()).isTrue();
            assertThat(s.description()).as(s.key()).isNotBlank();
        }
        assertThat(keys).contains("tracknum.store", "tracknum.config", "tracknum.batch.lanes", "tracknum.batch.max-size",
                "tracknum.retry.budget", "tracknum.format", "tracknum.format.s10.serial-max");
        assertThat(settings).filteredOn(s -> s.key().equals("tracknum.batch.lanes")).singleElement()
                .satisfies(s -> {
                    assertThat(s.defaultValue()).contains("2");
                    assertThat(s.environmentName()).isEqualTo("TRACKNUM_BATCH_LANES");
                });
    }

    @Test
    void unknownKeysAreReportedWhenTheGeneratorIsBuiltNotBefore() {
        TrackingNumberConfiguration c = TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory",
                "tracknum.nope", "1"));
        assertThat(c.get("tracknum.nope")).contains("1");
        assertThat(c.toString()).contains("tracknum.nope").doesNotContain("=1");
        assertThatThrownBy(() -> build(c)).isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.nope");
    }
}
