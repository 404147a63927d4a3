package org.tracknum.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;

/**
 * A first throughput figure of {@code next()} on one database, with and without group commit. Not
 * a benchmark (JMH is for that) and not a test: run by hand on a quiet machine, e.g.
 * {@code java -cp ... org.tracknum.jdbc.ThroughputProbe jdbc:postgresql://127.0.0.1:5432/test?user=postgres 5 1 32}.
 * Arguments: URL, seconds per run, thread counts. It creates and drops its own table.
 */
final class ThroughputProbe {
    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            int threads = Integer.parseInt(args[i]);
            for (boolean grouped : new boolean[] {true, false}) {
                String table = TestDatabases.freshTable("probe");
                try {
                    double rate = run(url, table, threads, grouped, seconds);
                    System.out.printf("threads=%d group-commit=%s: %.0f numbers/s%n", threads, grouped, rate);
                } finally {
                    TestDatabases.drop(url, table);
                }
            }
        }
    }

    private static double run(String url, String table, int threads, boolean grouped, int seconds) throws Exception {
        JdbcReservationStore store = JdbcReservationStore.builder().url(url).table(table)
                .poolSize(grouped ? 8 : threads + 1).build();
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(store)
                .lanes(grouped ? 4 : Math.min(256, threads)).maxBatchSize(grouped ? 64 : 1).build()) {
            long warmupEnd = System.nanoTime() + 1_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Long>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(() -> {
                        long counted = 0;
                        while (true) {
                            generator.next(TestRequests.unique());
                            long now = System.nanoTime();
                            if (now >= end) {
                                return counted;
                            }
                            if (now >= warmupEnd) {
                                counted++;
                            }
                        }
                    });
                }
                long total = 0;
                for (Future<Long> f : pool.invokeAll(workers)) {
                    total += f.get();
                }
                return total / (double) seconds;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
