package org.tracknum.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracknum.IssuedTrackingNumber;

/** Runs every example as its main would, so that none of them rots. */
class ExamplesTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickStart() {
        IssuedTrackingNumber issued = QuickStartExample.run(out);

        assertThat(issued.trackingNumber()).matches("MYID[A-Z0-9]{12}");
        assertThat(printed()).contains("issued " + issued.trackingNumber(), "found again: true",
                "for a request read from parameters", "rejected origin_country_id", "rejected weight");
    }

    @Test
    void jdbcWithYourOwnDataSourceOnAnEmbeddedDatabase() {
        IssuedTrackingNumber issued = JdbcDataSourceExample.run("jdbc:h2:file:" + dir.resolve("db"),
                "tracknum_numbers", out);

        assertThat(printed()).contains("issued " + issued.trackingNumber(), "found again: true",
                "pool is still open after the generator closed: true");
    }

    @Test
    void jdbcWithYourOwnDataSourceOnPostgres() throws Exception {
        Services.requirePostgres();
        String table = Services.uniqueName("tracknum_example");
        try {
            IssuedTrackingNumber issued = JdbcDataSourceExample.run(Services.POSTGRES_URL, table, out);
            assertThat(printed()).contains("issued " + issued.trackingNumber() + " in table " + table,
                    "found again: true");
        } finally {
            Services.dropPostgresTable(table);
        }
    }

    @Test
    void redisWithYourOwnClient() throws Exception {
        try (DurableRedis redis = DurableRedis.start(dir)) {
            IssuedTrackingNumber issued = RedisClientExample.run(redis.url(), "parcels:", out);

            assertThat(printed()).contains("under key parcels:" + issued.trackingNumber(), "found again: true",
                    "client still answers after the generator closed: PONG");
        }
    }

    @Test
    void storeChosenByAPropertiesFile() throws Exception {
        Path file = dir.resolve("tracknum.properties");
        Files.writeString(file, "tracknum.store=jdbc\ntracknum.jdbc.url=jdbc:h2:file:" + dir.resolve("props") + "\n");

        IssuedTrackingNumber issued = PropertiesFileExample.run(PropertiesFileExample.load(file), out);

        assertThat(printed()).contains("issued " + issued.trackingNumber(), "store=jdbc", "found again: true");
    }

    @Test
    void theBundledPropertiesFileWorks() {
        Properties bundled = PropertiesFileExample.bundled();
        assertThat(bundled.getProperty("tracknum.jdbc.url")).isEqualTo("jdbc:h2:file:./data/properties-example");
        bundled.setProperty("tracknum.jdbc.url", "jdbc:h2:file:" + dir.resolve("bundled")); // not in the build's cwd

        IssuedTrackingNumber issued = PropertiesFileExample.run(bundled, out);

        assertThat(printed()).contains("issued " + issued.trackingNumber(), "found again: true");
    }
}
