package org.tracknum;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
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
 *
 * <p><b>Same order, same number.</b> With an idempotency key ({@link #next(ShipmentRequest, String)},
 * {@link #nextAll(List, List)}) a retried call gets the number of the first call with that key
 * (same number, same {@code issuedAt}), across threads, processes and restarts: keys are scoped by
 * the request's customer id and live as long as the number. The same key with a different request
 * is an {@link IdempotencyConflictException}; at most one number is ever stored per key. Keys need
 * a store that keeps them ({@link ReservationStore#supportsIdempotencyKeys()}: the memory, JDBC and
 * Redis stores do); with another store a keyed call fails with a {@link TrackingNumberException}
 * before anything is stored.
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
     * Issues a number for {@code request} under {@code idempotencyKey}, or returns the number
     * already issued under that key of the request's customer (same number, same
     * {@code issuedAt}) if it was issued for an equal request. Concurrent calls with one key get
     * one number: the later ones wait for the first (within the retry budget). A
     * {@code null} key is a call without a key, as {@link #next(ShipmentRequest)}.
     *
     * @param idempotencyKey 1 to 255 visible ASCII characters (0x21 to 0x7E), scoped by
     *                       {@code request.customerId()}; compared as given
     * @throws InvalidRequestException          for a malformed key (field {@code idempotency_key})
     * @throws IdempotencyConflictException     when the key already names a number issued for a different request
     * @throws IdempotencyKeyInFlightException  when the budget ended while another unfinished call held the key
     * @throws NumberSpaceExhaustedException    when too many consecutive candidates were taken
     * @throws StoreUnavailableException        when the store stayed unreachable for the retry budget
     * @throws TrackingNumberException          when the store does not keep idempotency keys, or refused the write
     * @throws IllegalStateException            after {@link #close()}
     */
    IssuedTrackingNumber next(ShipmentRequest request, String idempotencyKey);

    /**
     * {@link #next(ShipmentRequest, String)}, telling also whether this call issued the number or
     * returned the one already stored under the key ({@link KeyedIssue#replayed()}), e.g. for an
     * HTTP API's {@code Idempotent-Replayed} header. Of all calls with one customer's key, at most
     * one is ever told {@code replayed() == false}: the one whose write stored the number (none,
     * if that caller died before it returned; a call whose own write was settled only after its
     * retry budget, through the key, is told {@code true}). A {@code null} key is a call without a
     * key, never a replay. Throws what {@link #next(ShipmentRequest, String)} throws.
     */
    KeyedIssue nextOrReplay(ShipmentRequest request, String idempotencyKey);

    /**
     * Issues one number per request, in large store batches ({@link Builder#bulkSize(int)}), and
     * returns them in the order of {@code requests}. Equivalent to {@code nextAll(requests, keys)}
     * with no keys.
     *
     * @throws InvalidRequestException    for a {@code null} item (field {@code [i]}); nothing is stored
     * @throws BulkLimitExceededException for more than {@link Builder#maxBulk(int)} requests
     * @throws PartialIssueException      when some numbers were issued and others failed
     * @throws StoreUnavailableException  when none could be issued because the store stayed unreachable
     */
    List<IssuedTrackingNumber> nextAll(List<ShipmentRequest> requests);

    /**
     * Issues (or, for a key used before, returns) one number per request, in input order. Every
     * item is checked before anything is stored: a {@code null} request or a malformed key fails
     * the whole call with one {@link InvalidRequestException} whose fields carry the item's index
     * ({@code [7]}, {@code [7].idempotency_key}), and so does the same key twice in the list for
     * different requests ({@link IdempotencyConflictException}); the same key twice for equal
     * requests gives both items one number. Then the requests go to the store in batches of
     * {@link Builder#bulkSize(int)}, each item handled as {@link #next(ShipmentRequest, String)}
     * handles its call (collisions, retries, ambiguous writes, replays, conflicts with stored keys).
     *
     * <p>If some items fail (the store failing part-way, or an item's key already naming a
     * number of another request), a {@link PartialIssueException} lists the numbers that were
     * issued, by index, and why each other item failed; if none was issued, the first item's
     * failure is thrown as it is. With keys, retrying the whole list returns the same numbers.
     * A keyed item still unsettled when the budget ends on a store that answers is looked up by
     * its key, as {@code next} does: it gets the number stored under the key meanwhile, or fails
     * with {@link IdempotencyKeyInFlightException}.
     *
     * @param idempotencyKeys one per request (same size); {@code null} items have no key
     * @throws InvalidRequestException      naming every bad item, e.g. {@code [3].idempotency_key}
     * @throws IdempotencyConflictException when one key appears twice for different requests, or
     *                                      (the only item) conflicts with a stored key
     * @throws BulkLimitExceededException   for more than {@link Builder#maxBulk(int)} requests
     * @throws PartialIssueException        when some numbers were issued and others failed
     * @throws StoreUnavailableException    when none could be issued because the store stayed unreachable
     * @throws TrackingNumberException      when a key is given and the store does not keep idempotency keys
     * @throws IllegalArgumentException     when the two lists differ in size
     */
    List<IssuedTrackingNumber> nextAll(List<ShipmentRequest> requests, List<String> idempotencyKeys);

    /**
     * The number issued under {@code customerId}'s {@code idempotencyKey}, with its request as
     * given, or empty if there is none.
     *
     * @throws InvalidRequestException   for a malformed key (field {@code idempotency_key})
     * @throws StoreUnavailableException when the store cannot be read within the retry budget
     * @throws TrackingNumberException   when the store does not keep idempotency keys
     */
    Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey);

    /**
     * The most requests one {@link #nextAll} call takes ({@link Builder#maxBulk(int)},
     * {@code tracknum.batch.max-bulk}): split longer lists into lists of this size.
     */
    int maxBulk();

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
        static final String BULK_SIZE_KEY = "tracknum.batch.bulk-size";
        static final String MAX_BULK_KEY = "tracknum.batch.max-bulk";
        static final int DEFAULT_BULK_SIZE = 1_000;
        static final int MAX_BULK_SIZE = 10_000;
        static final int DEFAULT_MAX_BULK = 10_000;
        static final int MAX_MAX_BULK = 1_000_000;

        ReservationStore store;
        TrackingNumberFormat format = TrackingNumberFormat.defaultFormat();
        Clock clock = Clock.systemUTC();
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        TrackingNumberListener listener = GuardedListener.NONE;
        CandidateSource candidateSource;
        int lanes = DEFAULT_LANES;
        int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        int bulkSize = DEFAULT_BULK_SIZE;
        int maxBulk = DEFAULT_MAX_BULK;
        TrackingNumberConfiguration configuration;
        boolean formatSet;
        boolean retryPolicySet;
        boolean lanesSet;
        boolean maxBatchSizeSet;
        boolean bulkSizeSet;
        boolean maxBulkSet;
        SettingNames lanesNames = SettingNames.METHODS;
        SettingNames maxBatchSizeNames = SettingNames.METHODS;
        Duration startupBudget;
        SettingNames startupBudgetNames = SettingNames.METHODS;
        /** Set by the configuration: the wait that already covered the provider's opening of the store. */
        StartupWait startupWait;
        SettingNames bulkSizeNames = SettingNames.METHODS;
        SettingNames maxBulkNames = SettingNames.METHODS;

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
            b.bulkSize = bulkSize;
            b.maxBulk = maxBulk;
            b.formatSet = formatSet;
            b.retryPolicySet = retryPolicySet;
            b.lanesSet = lanesSet;
            b.maxBatchSizeSet = maxBatchSizeSet;
            b.startupBudget = startupBudget;
            b.bulkSizeSet = bulkSizeSet;
            b.maxBulkSet = maxBulkSet;
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
         * the store's pool size. One {@code nextAll} call also keeps up to this many of its store
         * batches in flight (on daemon threads of the generator beside the caller's).
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
         * Largest batch that {@link TrackingNumberGenerator#nextAll} hands to the store, 1 to
         * 10,000 (default 1,000; {@code tracknum.batch.bulk-size}). Bulk calls go to the store
         * directly, not through the lanes of {@link #lanes(int)}.
         */
        public Builder bulkSize(int bulkSize) {
            this.bulkSize = bulkSize;
            this.bulkSizeSet = true;
            return this;
        }

        /**
         * Most requests in one {@link TrackingNumberGenerator#nextAll} call, 1 to 1,000,000 (default
         * 10,000; {@code tracknum.batch.max-bulk}); a longer list is a {@link BulkLimitExceededException}.
         */
        public Builder maxBulk(int maxBulk) {
            this.maxBulk = maxBulk;
            this.maxBulkSet = true;
            return this;
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
            if (bulkSize < 1 || bulkSize > MAX_BULK_SIZE) {
                throw new ConfigurationException(bulkSizeNames.assignment(BULK_SIZE_KEY, "bulkSize", bulkSize)
                        + " is invalid: expected a whole number from 1 to " + MAX_BULK_SIZE);
            }
            if (maxBulk < 1 || maxBulk > MAX_MAX_BULK) {
                throw new ConfigurationException(maxBulkNames.assignment(MAX_BULK_KEY, "maxBulk", maxBulk)
                        + " is invalid: expected a whole number from 1 to " + MAX_MAX_BULK);
            }
        }
    }
}
