package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.IssuedTrackingNumber;

/**
 * An H2 file database held by a child JVM that is killed with kill -9 after returning numbers:
 * reopened, every number the child returned is stored with its caller's request.
 */
class H2KillTest {
    @TempDir
    Path dir;

    @Test
    void everyNumberReturnedBeforeKillNineIsThereAfterReopening() throws Exception {
        String url = TestDatabases.h2Url(dir);
        String table = TestDatabases.freshTable("h2kill");
        Path returned = dir.resolve("returned.tsv");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                H2ChildWriter.class.getName(), url, table, returned.toString(), "8")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        LocalProcesses.writePidFile("h2-child", child.pid());
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (lines(returned).size() < 3000 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(child.isAlive()).as("child still writing; its log: %s", Files.exists(dir.resolve("child.log"))
                    ? Files.readString(dir.resolve("child.log")) : "").isTrue();
        } finally {
            LocalProcesses.signal("KILL", List.of(child.pid()));
            child.onExit().join();
        }
        List<String> complete = lines(returned);
        assertThat(complete).hasSizeGreaterThanOrEqualTo(3000);
        int lost = 0;
        try (JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table).build()) {
            for (String line : complete) {
                String[] fields = line.split("\t");
                Optional<IssuedTrackingNumber> found = store.find(fields[0]);
                if (found.isEmpty() || !found.get().request().customerId().equals(UUID.fromString(fields[1]))) {
                    lost++;
                }
            }
        }
        System.out.println("FAULT RUN H2 child JVM kill -9: returned=" + complete.size() + " lost=" + lost
                + " duplicates=" + (complete.size() - complete.stream().map(l -> l.split("\t")[0]).distinct().count()));
        assertThat(lost).isZero();
        assertThat(complete.stream().map(l -> l.split("\t")[0]).distinct().count()).isEqualTo(complete.size());
    }

    /** Complete lines only: the kill may cut the last one. */
    private static List<String> lines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        if (!text.endsWith("\n") && !lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.removeIf(String::isEmpty);
        return lines;
    }
}
