package org.tracknum;


/**
 * The default format's candidate draw for the baselines, which must write the same numbers the
 * library would, without the library's batching. Lives in {@code org.tracknum} because the draw is
 * package-private.
 */
public final class BenchmarkCandidates {
    private BenchmarkCandidates() {
    }

    /** Candidates of {@link TrackingNumberFormat#defaultFormat()}: per-thread buffered CSPRNG. */
    public static CandidateSource defaultFormat() {
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        return format::candidate;
    }
}
