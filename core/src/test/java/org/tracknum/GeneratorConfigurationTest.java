package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorConfigurationTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static TrackingNumberGenerator build(TrackingNumberConfiguration configuration) {
        return TrackingNumberGenerator.builder().configuration(configuration).build();
    }

    @Test
    void memoryStoreFromProperties() {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(
                props("tracknum.store", "memory", "tracknum.retry.budget", "2s", "tracknum.batch.lanes", "2",
                        "unrelated.key", "ignored"))) {
            IssuedTrackingNumber issued = generator.next(ValidRequests.unique());
            assertThat(generator.find(issued.trackingNumber())).contains(issued);
        }
    }

    @Test
    void missingStoreNamesTheKey() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.store");
    }

    @Test
    void unknownStoreAndMissingModuleAreExplained() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props("tracknum.store", "mongo")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.store=mongo").hasMessageContaining("memory");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(props("tracknum.store", "redis")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("org.tracknum:tracknum-store-redis");
    }

    @Test
    void unknownKeyIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(
                props("tracknum.store", "memory", "tracknum.retry.budjet", "5s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.retry.budjet");
    }

    @Test
    void malformedValuesNameTheKeyAndTheExpectedForm() {
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(
                props("tracknum.store", "memory", "tracknum.retry.budget", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.retry.budget=soon").hasMessageContaining("duration");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(
                props("tracknum.store", "memory", "tracknum.batch.lanes", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.batch.lanes");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(
                props("tracknum.store", "memory", "tracknum.retry.max-collisions", "many")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.retry.max-collisions");
    }

    @Test
    void environmentNamesMapToKeys() {
        assertThat(GeneratorConfiguration.environmentName("tracknum.retry.max-collisions"))
                .isEqualTo("TRACKNUM_RETRY_MAX_COLLISIONS");
        // Issue 10: core no longer knows TRACKNUM_TEST_* or the server's variables; the application names its own.
        TrackingNumberConfiguration config = TrackingNumberConfiguration.fromEnvironment(new Properties(),
                Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_RETRY_BUDGET", "3s",
                        "TRACKNUM_TEST_POSTGRES_URL", "not ours", "TRACKNUM_HTTP_PORT", "8000", "PATH", "/bin"))
                .ignoringEnvironmentPrefix("TRACKNUM_TEST_").ignoringEnvironmentPrefix("TRACKNUM_HTTP_");
        assertThat(config.values())
                .containsEntry("tracknum.store", "memory")
                .containsEntry("tracknum.retry.budget", "3s")
                .doesNotContainKey("tracknum.test.postgres.url");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().configuration(config).build()) {
            assertThat(generator.isStoreReachable()).isTrue();
        }
    }

    @Test
    void unknownEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromEnvironment(new Properties(),
                Map.of("TRACKNUM_STORE", "memory", "TRACKNUM_STOER", "jdbc"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TRACKNUM_STOER");
    }

    @Test
    void systemPropertiesBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracknum.properties");
        Files.writeString(file, "tracknum.store=memory\ntracknum.retry.budget=9s\ntracknum.batch.lanes=3\n"
                + "tracknum.batch.max-size=7\n");
        Properties system = props("tracknum.batch.lanes", "5", "java.home", "/ignored");
        TrackingNumberConfiguration config = TrackingNumberConfiguration.fromEnvironment(system,
                Map.of("TRACKNUM_CONFIG", file.toString(), "TRACKNUM_BATCH_LANES", "4", "TRACKNUM_RETRY_BUDGET", "8s"));
        assertThat(config.values())
                .containsEntry("tracknum.store", "memory")
                .containsEntry("tracknum.retry.budget", "8s")
                .containsEntry("tracknum.batch.lanes", "5")
                .containsEntry("tracknum.batch.max-size", "7");
    }

    @Test
    void unreadableOrForeignConfigFileIsRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromEnvironment(new Properties(),
                Map.of("TRACKNUM_CONFIG", dir.resolve("missing.properties").toString()))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.config");
        Path file = dir.resolve("other.properties");
        Files.writeString(file, "server.port=80\n");
        assertThatThrownBy(() -> build(TrackingNumberConfiguration.fromEnvironment(new Properties(),
                Map.of("TRACKNUM_CONFIG", file.toString()))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("server.port");
    }
}
