package org.tracknum.jdbc;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.RetryPolicy;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;

/**
 * The child JVM of {@link H2KillTest}: holds an H2 file database through the JDBC store and
 * issues numbers from several threads until it is killed, appending each number returned (with
 * its caller's customer id) to a file with an unbuffered write once {@code next()} has returned.
 * Arguments: JDBC URL, table, output file, threads.
 */
final class H2ChildWriter {
    private H2ChildWriter() {
    }

    public static void main(String[] args) throws Exception {
        // Generous bounds: the child starts on a machine busy with the rest of the build, and a
        // loaded machine must not turn this durability test into a timeout test.
        JdbcReservationStore store = JdbcReservationStore.builder().url(args[0]).table(args[1])
                .connectTimeout(Duration.ofSeconds(30)).socketTimeout(Duration.ofSeconds(30)).build();
        int threads = Integer.parseInt(args[3]);
        try (FileOutputStream out = new FileOutputStream(args[2], true);
             TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store)
                     .retryPolicy(RetryPolicy.builder().budget(Duration.ofSeconds(60)).build()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        IssuedTrackingNumber issued = generator.next(TestRequests.unique());
                        byte[] line = (issued.trackingNumber() + "\t" + issued.request().customerId() + "\n")
                                .getBytes(StandardCharsets.US_ASCII);
                        synchronized (out) {
                            out.write(line);
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get(); // only returns by failing; the parent kills this JVM
            }
        }
    }
}
