package org.tracknum;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.SettingNames;
import org.tracknum.spi.StartupWait;

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
     * @throws StoreUnavailableException when the store cannot be reached within the start-up budget
     */
    static TrackingNumberGenerator fromProperties(Properties properties) {
        return builder().configuration(TrackingNumberConfiguration.fromProperties(properties)).build();
    }

    /**
     * Like {@link #fromProperties} with, in order of precedence, system properties, then
     * {@code TRACKNUM_*} environment variables (upper case, {@code .} and {@code -} as {@code _}),
     * then the properties file named by {@code tracknum.config} / {@code TRACKNUM_CONFIG}, if any.
     * Variables of the shapes Kubernetes injects for Services ({@code TRACKNUM_SERVICE_HOST},
     * {@code TRACKNUM_REDIS_PORT=tcp://...}) are ignored; see {@link TrackingNumberConfiguration}.
     */
    static TrackingNumberGenerator fromEnvironment() {
        return builder().configuration(TrackingNumberConfiguration.fromEnvironment()).build();
    }

    /**
     * Configures a generator; everything is checked in {@link #build()}. The defaults and ranges of
     * {@code tracknum.batch.*} are this builder's (one home: the configuration only calls its
     * setters for keys that are present).
     */
    final class Builder {
        static final String LANES_KEY = "tracknum.batch.lanes";
        static final String MAX_BATCH_SIZE_KEY = "tracknum.batch.max-size";
        static final int DEFAULT_LANES = 2;
        static final int MAX_LANES = 256;
        static final int DEFAULT_MAX_BATCH_SIZE = 64;
        static final int MAX_MAX_BATCH_SIZE = 10_000;

        ReservationStore store;
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        Clock clock = Clock.systemUTC();
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        TrackingNumberListener listener = GuardedListener.NONE;
        CandidateSource candidateSource;
        int lanes = DEFAULT_LANES;
        int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        TrackingNumberConfiguration configuration;
        boolean formatSet;
        boolean retryPolicySet;
        boolean lanesSet;
        boolean maxBatchSizeSet;
        SettingNames lanesNames = SettingNames.METHODS;
        SettingNames maxBatchSizeNames = SettingNames.METHODS;
        Duration startupBudget;
        SettingNames startupBudgetNames = SettingNames.METHODS;
        /** Set by the configuration: the wait that already covered the provider's opening of the store. */
        StartupWait startupWait;

        Builder() {
        }

        /** A copy, so that applying a configuration leaves this builder as the caller set it. */
        Builder copy() {
            Builder b = new Builder();
            b.store = store;
            b.format = format;
            b.clock = clock;
            b.retryPolicy = retryPolicy;
            b.listener = listener;
            b.candidateSource = candidateSource;
            b.lanes = lanes;
            b.maxBatchSize = maxBatchSize;
            b.formatSet = formatSet;
            b.retryPolicySet = retryPolicySet;
            b.lanesSet = lanesSet;
            b.maxBatchSizeSet = maxBatchSizeSet;
            b.startupBudget = startupBudget;
            return b;
        }

        /**
         * Takes every setting this builder was not given explicitly from {@code configuration}:
         * format, retry policy and batching from the {@code tracknum.*} keys, and, without
         * {@link #store}, the store of the provider named by {@code tracknum.store}. Unknown keys
         * and malformed values are reported by {@link #build()}, naming the key.
         */
        public Builder configuration(TrackingNumberConfiguration configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * Where numbers are claimed (required). {@link #build()} pings it, waiting up to the
         * {@link #startupBudget start-up budget} while it is unavailable; the generator closes it.
         */
        public Builder store(ReservationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How numbers look (default {@link TrackingNumberFormat#defaultFormat()}). */
        public Builder format(TrackingNumberFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            this.formatSet = true;
            return this;
        }

        /** Source of {@link IssuedTrackingNumber#issuedAt()} (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Collision bound, retry budget and backoff (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            this.retryPolicySet = true;
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
         * Number of batching lanes, 1 to 256 (default 2; {@code tracknum.batch.lanes}): at most this
         * many store calls run at once; concurrent callers of one lane share a batch. Match it to
         * the store's pool size.
         */
        public Builder lanes(int lanes) {
            this.lanes = lanes;
            this.lanesSet = true;
            return this;
        }

        /**
         * Largest batch handed to the store, 1 to 10,000 (default 64; {@code tracknum.batch.max-size});
         * 1 turns batching off.
         */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            this.maxBatchSizeSet = true;
            return this;
        }

        /**
         * How long {@link #build()} waits for a store that is transiently unavailable (connection
         * refused, Redis {@code LOADING}, PostgreSQL starting up or in recovery), from 0 (one
         * attempt) to 1 h ({@code tracknum.startup.budget}; default 30 s, or the retry budget if
         * that is longer). With {@code tracknum.store}, the wait covers the store's opening too
         * (connecting, creating and checking the table or the servers); a misconfiguration (unknown
         * host, wrong password, missing database, refused durability) fails at once. See
         * {@link StartupWait}.
         */
        public Builder startupBudget(Duration startupBudget) {
            this.startupBudget = Objects.requireNonNull(startupBudget, "startupBudget");
            return this;
        }

        /** The budget set, or the default: 30 s, or the retry budget if longer. */
        Duration effectiveStartupBudget() {
            if (startupBudget != null) {
                return StartupWait.checkBudget(startupBudget, startupBudgetNames, "startupBudget");
            }
            Duration retryBudget = retryPolicy.budget();
            return retryBudget.compareTo(StartupWait.DEFAULT_BUDGET) > 0 ? retryBudget : StartupWait.DEFAULT_BUDGET;
        }

        /**
         * @throws ConfigurationException for a missing store, a value out of range, or (with a
         *                                {@link #configuration}) an unknown or malformed key
         * @throws StoreUnavailableException if the store does not answer a ping within the start-up
         *                                   budget, or the thread is interrupted while waiting
         */
        public TrackingNumberGenerator build() {
            if (configuration != null) {
                return GeneratorConfiguration.build(copy(), configuration);
            }
            checkBatching();
            if (store == null) {
                throw new ConfigurationException("no store: call store(...) with a ReservationStore, e.g. "
                        + "new MemoryReservationStore(), or configure tracknum.store");
            }
            return new DefaultTrackingNumberGenerator(this);
        }

        void checkBatching() {
            if (lanes < 1 || lanes > MAX_LANES) {
                throw new ConfigurationException(lanesNames.assignment(LANES_KEY, "lanes", lanes)
                        + " is invalid: expected a whole number from 1 to " + MAX_LANES);
            }
            if (maxBatchSize < 1 || maxBatchSize > MAX_MAX_BATCH_SIZE) {
                throw new ConfigurationException(maxBatchSizeNames.assignment(MAX_BATCH_SIZE_KEY, "maxBatchSize",
                        maxBatchSize) + " is invalid: expected a whole number from 1 to " + MAX_MAX_BATCH_SIZE);
            }
            effectiveStartupBudget();
        }
    }
}
