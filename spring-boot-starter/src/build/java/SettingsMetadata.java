import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberSetting;

/**
 * Writes Spring Boot's additional configuration metadata from the library's catalogue
 * ({@link TrackingNumberConfiguration#settings()}: core, formats and the stores on the class path),
 * so that descriptions and defaults have one home. Run by the build before compiling (a
 * single-file program: {@code java -cp <compile class path> SettingsMetadata.java <output>});
 * spring-boot-configuration-processor then merges the file into
 * META-INF/spring-configuration-metadata.json.
 */
public final class SettingsMetadata {
    /** Keys that exist for plain Java only: the IDE marks them as errors in Spring configuration. */
    static final Map<String, String> NOT_FOR_SPRING = Map.of("tracknum.config",
            "read by TrackingNumberConfiguration.fromEnvironment() only: import the file with spring.config.import");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SettingsMetadata <output file>");
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.getParent());
        Files.writeString(output, json(TrackingNumberConfiguration.settings()), StandardCharsets.UTF_8);
    }

    static String json(List<TrackingNumberSetting> settings) {
        StringJoiner properties = new StringJoiner(",\n", "{\n  \"properties\": [\n", "\n  ]\n}\n");
        for (TrackingNumberSetting setting : settings) {
            StringBuilder entry = new StringBuilder("    {\"name\": ").append(quoted(setting.key()))
                    .append(", \"type\": \"java.lang.String\", \"description\": ")
                    .append(quoted(setting.description()));
            setting.defaultValue().ifPresent(value -> entry.append(", \"defaultValue\": ").append(quoted(value)));
            String refused = NOT_FOR_SPRING.get(setting.key());
            if (refused != null) {
                entry.append(", \"deprecation\": {\"level\": \"error\", \"reason\": ").append(quoted(refused)).append('}');
            }
            properties.add(entry.append('}'));
        }
        return properties.toString();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
