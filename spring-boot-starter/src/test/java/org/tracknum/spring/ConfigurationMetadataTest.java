package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberSetting;

/**
 * The IDE metadata that spring-boot-configuration-processor wrote names exactly the library's keys,
 * each with the catalogue's description and default.
 */
class ConfigurationMetadataTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyLibraryKeyAndNothingElseWithTheCataloguesDescriptionAndDefault() throws Exception {
        Map<String, Map<String, Object>> metadata = new TreeMap<>();
        try (InputStream in = TrackingNumberAutoConfiguration.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json in the starter").isNotNull();
            Map<String, Object> json = JsonParserFactory.getJsonParser()
                    .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Object property : (List<?>) json.get("properties")) {
                Map<String, Object> entry = (Map<String, Object>) property;
                metadata.put((String) entry.get("name"), entry);
            }
        }
        Map<String, TrackingNumberSetting> catalogue = TrackingNumberConfiguration.settings().stream()
                .collect(Collectors.toMap(TrackingNumberSetting::key, Function.identity()));
        assertThat(catalogue).containsKeys("tracknum.store", "tracknum.jdbc.url", "tracknum.redis.url");
        assertThat(metadata.keySet()).as("keys with metadata").isEqualTo(new java.util.TreeSet<>(catalogue.keySet()));
        catalogue.forEach((key, setting) -> {
            Map<String, Object> entry = metadata.get(key);
            assertThat((String) entry.get("description")).as(key).isNotBlank().isEqualTo(setting.description());
            Optional<String> defaultValue = Optional.ofNullable(entry.get("defaultValue")).map(String::valueOf);
            assertThat(defaultValue).as(key + " default").isEqualTo(setting.defaultValue());
        });
        // refused by the starter (SpringSettings), so flagged as an error in the IDE
        assertThat((Map<String, Object>) metadata.get("tracknum.config").get("deprecation"))
                .containsEntry("level", "error").extractingByKey("reason").asString().contains("spring.config.import");
    }
}
