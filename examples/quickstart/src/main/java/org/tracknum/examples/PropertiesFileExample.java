package org.tracknum.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberGenerator;

/**
 * The store chosen by configuration, with no store class in the code: {@code tracknum.store} and
 * the store's keys in a properties file (here {@code tracknum-example.properties} unless a file is
 * given). Switching to PostgreSQL or Redis is an edit of the file. Unknown keys and bad values fail
 * at start, naming the key.
 *
 * <pre>
 * java -cp tracknum-server.jar org.tracknum.examples.PropertiesFileExample [my-tracknum.properties]
 * </pre>
 */
public final class PropertiesFileExample {
    static final String BUNDLED = "/tracknum-example.properties";

    private PropertiesFileExample() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? load(Path.of(args[0])) : bundled(), System.out);
    }

    static IssuedTrackingNumber run(Properties configuration, PrintStream out) {
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(configuration)) {
            IssuedTrackingNumber issued = generator.next(JdbcDataSourceExample.request());
            out.println("issued " + issued.trackingNumber() + " with " + generator);
            out.println("found again: " + generator.find(issued.trackingNumber()).isPresent());
            return issued;
        }
    }

    static Properties load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Properties bundled() {
        try (InputStream in = PropertiesFileExample.class.getResourceAsStream(BUNDLED)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return properties;
    }
}
