package org.tracknum.ci;

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

/**
 * Reads the defaults that a Markdown file documents, so that a test can hold them against the
 * builders': every table with a {@code key} and a {@code default} column is read, and each
 * {@code `tracknum.…`} key in its key cell gets the first {@code `…`} of its default cell (empty
 * when the cell has none).
 */
public final class DocumentedDefaults {
    private static final Pattern DEFAULT = Pattern.compile("^`([^`]*)`");

    private DocumentedDefaults() {
    }

    /** Key → documented default, for the keys that {@code keyPattern} (one group) finds. */
    public static Map<String, Optional<String>> read(Path markdown, Pattern keyPattern) throws IOException {
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
            Matcher key = keyPattern.matcher(cells.get(keyColumn));
            while (key.find()) {
                if (documented.put(key.group(1), stated) != null) {
                    fail(markdown + " documents " + key.group(1) + " twice");
                }
            }
        }
        return documented;
    }
}
