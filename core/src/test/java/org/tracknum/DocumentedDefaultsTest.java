package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tracknum.ci.DocumentedDefaults;
import org.junit.jupiter.api.Test;

/**
 * The single source of every default: the README's configuration table states, for every key, the
 * default that the builders apply, and setting a key to its documented default changes nothing in
 * a generator built from otherwise empty properties.
 */
class DocumentedDefaultsTest {
    static final Path README = Path.of("..", "README.md");
    private static final Pattern KEY = Pattern.compile("`(tracknum\\.[a-z0-9.-]+)`");


    @Test
    void theReadmeStatesTheBuildersDefaultForEveryKey() throws IOException {
        assertThat(README).as("README.md at %s (tests run in the module directory)", README.toAbsolutePath()).exists();
        Map<String, Optional<String>> documented = DocumentedDefaults.read(README, KEY);
        Map<String, TrackingNumberSetting> known = new HashMap<>();
        TrackingNumberConfiguration.settings().forEach(s -> known.put(s.key(), s));
        for (TrackingNumberSetting setting : known.values()) {
            assertThat(documented).as("README.md's configuration table has no row for %s", setting.key())
                    .containsKey(setting.key());
            assertThat(documented.get(setting.key()))
                    .as("README.md and the builders disagree on the default of %s: fix one of them", setting.key())
                    .isEqualTo(setting.defaultValue());
        }
        documented.keySet().stream()
                .filter(key -> !key.startsWith("tracknum.jdbc.") && !key.startsWith("tracknum.redis."))
                .forEach(key -> assertThat(known).as("README.md documents %s, which no builder knows", key)
                        .containsKey(key));
    }

    /** The example properties file's "defaults shown" block (wherever the examples module keeps it). */
    @Test
    void theExamplePropertiesShowTheBuildersDefaults() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            files = walk.filter(f -> f.getFileName().toString().equals("tracknum-example.properties"))
                    .filter(f -> !f.toString().contains("target")).toList();
        }
        assertThat(files).as("examples' tracknum-example.properties").isNotEmpty();
        Map<String, TrackingNumberSetting> known = new HashMap<>();
        TrackingNumberConfiguration.settings().forEach(s -> known.put(s.key(), s));
        for (Path file : files) {
            boolean shown = false;
            int checked = 0;
            for (String line : Files.readAllLines(file)) {
                if (line.contains("defaults shown")) {
                    shown = true;
                } else if (shown && line.isBlank()) {
                    shown = false;
                } else if (shown && line.replaceFirst("^#", "").startsWith("tracknum.")) {
                    String[] kv = line.replaceFirst("^#", "").split("=", 2);
                    assertThat(known).as("%s shows unknown key %s", file, kv[0]).containsKey(kv[0]);
                    assertThat(known.get(kv[0]).defaultValue()).as("%s shows %s as the default of %s", file, kv[1], kv[0])
                            .contains(kv[1].strip());
                    checked++;
                }
            }
            assertThat(checked).as("defaults shown in %s", file).isPositive();
        }
    }

    @Test
    void settingAKeyToItsDocumentedDefaultChangesNothing() {
        for (TrackingNumberSetting setting : TrackingNumberConfiguration.settings()) {
            if (setting.defaultValue().isEmpty()) {
                continue;
            }
            Map<String, String> base = new HashMap<>(Map.of("tracknum.store", "memory"));
            if (setting.key().startsWith("tracknum.format.s10.")) {
                base.put("tracknum.format", "s10");
                base.put("tracknum.format.s10.service-indicator", "RR");
            }
            Map<String, String> explicit = new HashMap<>(base);
            explicit.put(setting.key(), setting.defaultValue().get());
            assertThat(effective(explicit)).as("%s=%s (its documented default) changes the generator built from %s",
                    setting.key(), setting.defaultValue().get(), base).isEqualTo(effective(base));
        }
    }

    @Test
    void aGeneratorFromEmptyPropertiesUsesTheBuildersDefaults() {
        try (DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) TrackingNumberGenerator.builder()
                .configuration(TrackingNumberConfiguration.fromMap(Map.of("tracknum.store", "memory"))).build()) {
            assertThat(g.laneCount()).isEqualTo(TrackingNumberGenerator.Builder.DEFAULT_LANES);
            assertThat(g.maxBatchSize()).isEqualTo(TrackingNumberGenerator.Builder.DEFAULT_MAX_BATCH_SIZE);
            assertThat(g.retryPolicy()).hasToString(RetryPolicy.defaults().toString());
            assertThat(g.format()).hasToString(TrackingNumberFormat.defaultFormat().toString());
        }
    }

    private static String effective(Map<String, String> values) {
        try (DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) TrackingNumberGenerator.builder()
                .configuration(TrackingNumberConfiguration.fromMap(values)).build()) {
            return "lanes " + g.laneCount() + ", batches " + g.maxBatchSize() + ", " + g.retryPolicy() + ", format "
                    + g.format();
        }
    }
}
