package org.tracknum.benchmarks;

import org.tracknum.TrackingNumberGenerator;

/**
 * Overrides of the library's defaults for tuning experiments, from system properties of the
 * benchmark JVM (e.g. {@code -jvmArgsAppend -Dtracknum.bench.lanes=8}): {@code tracknum.bench.lanes},
 * {@code tracknum.bench.max-batch-size}, {@code tracknum.bench.pool-size}. Unset (the suite's
 * runs): the library's defaults.
 */
final class Tuning {
    private Tuning() {
    }

    static TrackingNumberGenerator.Builder generator() {
        TrackingNumberGenerator.Builder builder = TrackingNumberGenerator.builder();
        Integer lanes = Integer.getInteger("tracknum.bench.lanes");
        if (lanes != null) {
            builder.lanes(lanes);
        }
        Integer batch = Integer.getInteger("tracknum.bench.max-batch-size");
        if (batch != null) {
            builder.maxBatchSize(batch);
        }
        return builder;
    }

    /** The JDBC pool size to use, or {@code fallback} (the store's default). */
    static int poolSize(int fallback) {
        return Integer.getInteger("tracknum.bench.pool-size", fallback);
    }
}
