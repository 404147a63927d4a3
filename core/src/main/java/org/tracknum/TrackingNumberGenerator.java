package org.tracknum;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.tracknum.spi.CandidateSource;
import org.tracknum.spi.ReservationStore;

/**
 * Issues unique tracking numbers. Thread-safe; create one per application and share it.
 *
 * <pre>{@code
 * try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
 *         .store(new MemoryReservationStore())
 *         .build()) {
 *     IssuedTrackingNumber issued = generator.next(request);
 * }
 * }</pre>
 *
 * <p>The algorithm: draw a candidate from the format, reserve it in the store; if it is taken draw
 * a fresh one (up to {@link RetryPolicy#maxCollisions()}, then {@link NumberSpaceExhaustedException});
 * retry transient store failures with exponential backoff and jitter within
 * {@link RetryPolicy#budget()}, then {@link StoreUnavailableException}; when a write's outcome is
 * ambiguous, ask the store whether the number is stored under this attempt's reservation id and
 * either return it or burn it (never hand it to anyone) and draw a fresh one. Concurrent calls are
 * coalesced into batches (see {@link Builder#lanes(int)}).
 */
public interface TrackingNumberGenerator extends AutoCloseable {

    /**
     * Issues a number for {@code request}; it is durably in the store when this returns.
     *
     * @throws NumberSpaceExhaustedException when too many consecutive candidates were taken
     * @throws StoreUnavailableException     when the store stayed unreachable for the retry budget
     * @throws CallInterruptedException      when the thread was interrupted while waiting to retry
     *                                       (its interrupt status stays set); an interrupt that
     *                                       arrives while a write is in flight is restored after it
     * @throws TrackingNumberException       when the store refused the write for a reason retrying cannot fix
     * @throws IllegalStateException         after {@link #close()}
     */
    IssuedTrackingNumber next(ShipmentRequest request);

    /**
     * The issued number with its request as given, or empty if it was never issued (also for any
     * text that is not of the form {@code ^[A-Z0-9]{1,16}$}, without asking the store).
     *
     * @throws StoreUnavailableException when the store cannot be read within the retry budget, or
     *                                   ({@link CallInterruptedException}) the thread was interrupted
     *                                   while waiting to retry
     */
    Optional<IssuedTrackingNumber> find(String trackingNumber);

    /**
     * Whether the store answers now (one round trip, no retries), for health checks.
     */
    boolean isStoreReachable();

    /** Stops accepting calls, lets calls in flight finish, and closes the store. */
    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /**
     * A generator configured by {@code tracknum.*} keys of {@code properties} only; the store is
     * picked by {@code tracknum.store} ({@code memory}, {@code jdbc}, {@code redis}).
     *
     * @throws ConfigurationException naming the key, for an unknown key or a malformed value
     * @throws StoreUnavailableException when the store cannot be reached
     */
    static TrackingNumberGenerator fromProperties(Properties properties) {
        return GeneratorConfiguration.fromProperties(properties).build();
    }

    /**
     * Like {@link #fromProperties} with, in order of precedence, system properties, then
     * {@code TRACKNUM_*} environment variables (upper case, {@code .} and {@code -} as {@code _}),
     * then the properties file named by {@code tracknum.config} / {@code TRACKNUM_CONFIG}, if any.
     */
    static TrackingNumberGenerator fromEnvironment() {
        return GeneratorConfiguration.fromEnvironment().build();
    }

    /** Configures a generator; everything is checked in {@link #build()}. */
    final class Builder {
        ReservationStore store;
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        Clock clock = Clock.systemUTC();
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        TrackingNumberListener listener = GuardedListener.NONE;
        CandidateSource candidateSource;
        int lanes = 2;
        int maxBatchSize = 64;

        Builder() {
        }

        /** Where numbers are claimed (required). {@link #build()} pings it; the generator closes it. */
        public Builder store(ReservationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How numbers look (default {@link TrackingNumberFormat#defaultFormat()}). */
        public Builder format(TrackingNumberFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Source of {@link IssuedTrackingNumber#issuedAt()} (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder listener(TrackingNumberListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Replaces the format's random draw, e.g. by a deterministic source in tests. The format is
         * then used only to describe the space in error messages.
         */
        public Builder candidateSource(CandidateSource candidateSource) {
            this.candidateSource = Objects.requireNonNull(candidateSource, "candidateSource");
            return this;
        }

        /**
         * Number of batching lanes, 1 to 256 (default 2): at most this many store calls run at
         * once; concurrent callers of one lane share a batch. Match it to the store's pool size.
         */
        public Builder lanes(int lanes) {
            this.lanes = lanes;
            return this;
        }

        /** Largest batch handed to the store, 1 to 10,000 (default 64); 1 turns batching off. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * @throws ConfigurationException for a missing store or a value out of range
         * @throws StoreUnavailableException if the store does not answer a ping
         */
        public TrackingNumberGenerator build() {
            if (store == null) {
                throw new ConfigurationException("no store: call store(...) with a ReservationStore, e.g. "
                        + "new MemoryReservationStore(), or configure tracknum.store");
            }
            if (lanes < 1 || lanes > 256) {
                throw new ConfigurationException("lanes out of range [1, 256]: " + lanes);
            }
            if (maxBatchSize < 1 || maxBatchSize > 10_000) {
                throw new ConfigurationException("maxBatchSize out of range [1, 10000]: " + maxBatchSize);
            }
            return new DefaultTrackingNumberGenerator(this);
        }
    }
}
