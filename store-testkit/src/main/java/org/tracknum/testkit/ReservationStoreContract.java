package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.RetryPolicy;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.TrackingNumberListener;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoreFailure;

/**
 * The contract every {@link ReservationStore} must meet. A store's tests extend this class once
 * per backend and supply a fresh, empty store per test ({@link #newStore()}); everything else is
 * inherited: round trips of every field, {@code TAKEN}, batches matched by reservation id,
 * {@code verify}, {@code ping}/{@code describe}, the generator's collision handling over the
 * store, 8 concurrent callers checked with {@link History}, foreign or corrupt records
 * ({@link ForeignRecord}, planted by the store's {@link #plantForeignRecord}), and bulk issuance
 * ({@code nextAll}: order, a bad item stores nothing, 10,000 requests). A store that keeps
 * idempotency keys extends {@link IdempotencyContract} instead, which adds the key cases; one that does not must refuse keyed
 * calls, which this contract checks.
 */
public abstract class ReservationStoreContract {
    private static final int THREADS = 8;

    /** The store under test: a fresh store with its own table or key prefix. */
    protected ReservationStore store;

    /** A fresh, empty store: its own table or key prefix. Called before each test. */
    protected abstract ReservationStore newStore();

    /**
     * Writes a raw record of {@code kind} under {@code number} into the store's storage, the way
     * another program or a corruption would: raw SQL rows, raw Redis values, bypassing the store.
     * The table or key prefix is that of the {@link #store} under test, which is open. A store may
     * change its own table behind the store's back to make room for the kind (for example replace
     * the table by one with text columns, as a DBA might).
     *
     * <p>Return {@code false} only for a kind the store's storage cannot represent at all, and say
     * why in the override's Javadoc (the memory store keeps Java objects that only this process
     * writes, so it has no foreign records; a JDBC row has no format version of its own).
     *
     * @return whether the record was planted
     */
    protected abstract boolean plantForeignRecord(String number, ForeignRecord kind);

    /** Numbers each of 8 threads issues in the concurrency test; at least 10,000. */
    protected int numbersPerThread() {
        return 100_000;
    }

    /** Removes what {@link #newStore()} created (table, keys). Called after each test, after close. */
    protected void cleanUp() {
    }

    @BeforeEach
    final void openStore() {
        store = newStore();
    }

    @AfterEach
    final void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            cleanUp();
        }
    }

    /** A reservation of {@code number} for a fresh unique request. */
    protected static Reservation reservation(String number, ShipmentRequest request) {
        return new Reservation(UUID.randomUUID(), number, request, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    protected static String randomNumber() {
        return "TN" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    /**
     * {@code writers} threads each reserving {@code rounds} batches of {@code batchSize} fresh
     * numbers in {@code store} at once; every writer is joined and its failure rethrown. Returns
     * each writer's outcomes, for a test that a store with fewer connections than writers lets
     * them all through (a write that held one connection while waiting for another would not).
     */
    protected static List<List<ReservationOutcome>> reserveFromWriters(ReservationStore store, int writers, int rounds,
                                                                       int batchSize) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<ReservationOutcome>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    List<ReservationOutcome> outcomes = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        List<Reservation> batch = new ArrayList<>(batchSize);
                        for (int i = 0; i < batchSize; i++) {
                            batch.add(reservation(randomNumber(), TestRequests.unique()));
                        }
                        outcomes.addAll(store.reserve(batch));
                    }
                    return outcomes;
                }));
            }
            List<List<ReservationOutcome>> all = new ArrayList<>();
            for (Future<List<ReservationOutcome>> result : results) {
                all.add(result.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ReservationOutcome.Status> reserve(Reservation... batch) {
        List<ReservationOutcome> outcomes = store.reserve(List.of(batch));
        assertThat(outcomes).hasSize(batch.length);
        List<ReservationOutcome.Status> statuses = new ArrayList<>();
        outcomes.forEach(o -> statuses.add(o.status()));
        return statuses;
    }

    private void assertStored(Reservation r) {
        Optional<IssuedTrackingNumber> found = store.find(r.trackingNumber());
        assertThat(found).as("stored %s", r.trackingNumber()).isPresent();
        assertThat(found.get()).isEqualTo(r.toIssued());
        assertThat(found.get().request().weightKg().scale()).isEqualTo(3);
        assertThat(found.get().request().createdAt().getOffset()).isEqualTo(r.request().createdAt().getOffset());
    }

    @Test
    void roundTripKeepsEveryFieldAsGiven() {
        Reservation demanding = reservation(randomNumber(), TestRequests.demanding());
        Reservation westward = reservation(randomNumber(), TestRequests.westward());
        Reservation plain = reservation(randomNumber(), TestRequests.unique());
        assertThat(reserve(demanding, westward, plain)).containsOnly(ReservationOutcome.Status.RESERVED);
        assertStored(demanding);
        assertStored(westward);
        assertStored(plain);
    }

    @Test
    void findOfUnknownNumberIsEmpty() {
        assertThat(store.find(randomNumber())).isEmpty();
    }

    @Test
    void secondReservationOfANumberIsTaken() {
        String number = randomNumber();
        Reservation first = reservation(number, TestRequests.unique());
        Reservation second = reservation(number, TestRequests.unique());
        assertThat(reserve(first)).containsExactly(ReservationOutcome.Status.RESERVED);
        assertThat(reserve(second)).containsExactly(ReservationOutcome.Status.TAKEN);
        assertStored(first);
    }

    @Test
    void mixedBatchReportsEachReservationByItsId() {
        Reservation existing = reservation(randomNumber(), TestRequests.unique());
        assertThat(reserve(existing)).containsExactly(ReservationOutcome.Status.RESERVED);

        String shared = randomNumber();
        Reservation fresh1 = reservation(randomNumber(), TestRequests.unique());
        Reservation duplicate = reservation(existing.trackingNumber(), TestRequests.unique());
        Reservation twinA = reservation(shared, TestRequests.unique());
        Reservation fresh2 = reservation(randomNumber(), TestRequests.westward());
        Reservation twinB = reservation(shared, TestRequests.unique());

        List<ReservationOutcome.Status> statuses = reserve(fresh1, duplicate, twinA, fresh2, twinB);
        assertThat(statuses.get(0)).isEqualTo(ReservationOutcome.Status.RESERVED);
        assertThat(statuses.get(1)).isEqualTo(ReservationOutcome.Status.TAKEN);
        assertThat(statuses.get(3)).isEqualTo(ReservationOutcome.Status.RESERVED);
        assertThat(List.of(statuses.get(2), statuses.get(4)))
                .as("two reservations of one number in one batch")
                .containsExactlyInAnyOrder(ReservationOutcome.Status.RESERVED, ReservationOutcome.Status.TAKEN);
        assertStored(existing);
        assertStored(fresh1);
        assertStored(fresh2);
        assertStored(statuses.get(2) == ReservationOutcome.Status.RESERVED ? twinA : twinB);
    }

    @Test
    void largeBatchOfFreshNumbersIsReservedWhole() {
        List<Reservation> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(reservation(randomNumber(), TestRequests.unique()));
        }
        List<ReservationOutcome> outcomes = store.reserve(batch);
        assertThat(outcomes).extracting(ReservationOutcome::status).containsOnly(ReservationOutcome.Status.RESERVED);
        batch.forEach(this::assertStored);
    }

    @Test
    void verifyTellsOursFromForeign() {
        Reservation ours = reservation(randomNumber(), TestRequests.unique());
        assertThat(reserve(ours)).containsExactly(ReservationOutcome.Status.RESERVED);
        Reservation foreign = reservation(ours.trackingNumber(), TestRequests.unique());
        List<ReservationOutcome> verdicts = store.verify(List.of(ours, foreign));
        assertThat(verdicts).extracting(ReservationOutcome::status)
                .containsExactly(ReservationOutcome.Status.RESERVED, ReservationOutcome.Status.TAKEN);
        assertStored(ours);
    }

    @Test
    void verifyOfAnAbsentNumberNeverClaimsItWithoutStoringIt() {
        Reservation absent = reservation(randomNumber(), TestRequests.unique());
        ReservationOutcome verdict = store.verify(List.of(absent)).get(0);
        // A store may answer by re-sending the write (then the number is ours and stored) or by reading (not ours).
        assertThat(verdict.status()).isIn(ReservationOutcome.Status.RESERVED, ReservationOutcome.Status.TAKEN);
        if (verdict.status() == ReservationOutcome.Status.RESERVED) {
            assertStored(absent);
        }
    }

    @Test
    void pingAnswersAndDescriptionHasNoSecrets() {
        store.ping();
        assertThat(store.describe()).isNotBlank().doesNotContainIgnoringCase("password");
    }

    @Test
    void generatorTriesFreshCandidatesWhenTaken() {
        List<String> taken = List.of(randomNumber(), randomNumber(), randomNumber());
        for (String number : taken) {
            assertThat(reserve(reservation(number, TestRequests.unique()))).containsExactly(ReservationOutcome.Status.RESERVED);
        }
        String free = randomNumber();
        List<String> script = new ArrayList<>(taken);
        script.add(free);
        AtomicInteger drawn = new AtomicInteger();
        AtomicInteger collisions = new AtomicInteger();
        try (TrackingNumberGenerator generator = generator()
                .candidateSource(request -> script.get(drawn.getAndIncrement()))
                .listener(new TrackingNumberListener() {
                    @Override
                    public void collision(java.time.Duration elapsed) {
                        collisions.incrementAndGet();
                    }
                })
                .build()) {
            ShipmentRequest request = TestRequests.unique();
            IssuedTrackingNumber issued = generator.next(request);
            assertThat(issued.trackingNumber()).isEqualTo(free);
            assertThat(collisions).hasValue(3);
            assertThat(store.find(free)).contains(issued);
        }
    }

    @Test
    void generatorReportsExhaustionAfterTheCollisionBound() {
        String number = randomNumber();
        assertThat(reserve(reservation(number, TestRequests.unique()))).containsExactly(ReservationOutcome.Status.RESERVED);
        try (TrackingNumberGenerator generator = generator()
                .candidateSource(request -> number)
                .retryPolicy(RetryPolicy.builder().maxCollisions(5).build())
                .build()) {
            assertThatThrownBy(() -> generator.next(TestRequests.unique()))
                    .isInstanceOf(NumberSpaceExhaustedException.class)
                    .hasMessageContaining("5 consecutive candidates");
        }
    }

    @Test
    void concurrentCallersNeverShareANumber() throws Exception {
        int perThread = Math.max(numbersPerThread(), 10_000);
        History history = new History();
        try (TrackingNumberGenerator generator = generator()
                .candidateSource(history.candidates())
                .listener(history.listener())
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Callable<Void>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(() -> {
                        for (int i = 0; i < perThread; i++) {
                            assertThat(history.issue(generator)).isPresent();
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        History.Summary summary = history.check(store);
        System.out.println(getClass().getSimpleName() + " concurrency: " + summary);
        assertThat(summary.ok()).isEqualTo(THREADS * perThread);
    }

    /**
     * A foreign or corrupt record never makes {@code find()} hang or run out of memory, and is
     * reported as a fatal failure (not retried) saying the record is not a valid Tracknum record,
     * naming the number and no stored value, both by the store and through the generator (a
     * {@link TrackingNumberException}). Kinds the store cannot represent are listed on stdout.
     */
    @Test
    void foreignAndCorruptRecordsAreReportedWithTheNumberOnly() throws Exception {
        List<ForeignRecord> notRepresentable = new ArrayList<>();
        try (TrackingNumberGenerator generator = generator().build()) {
            for (ForeignRecord kind : ForeignRecord.values()) {
                String number = randomNumber();
                if (!plantForeignRecord(number, kind)) {
                    notRepresentable.add(kind);
                    continue;
                }
                Throwable byStore = assertTimeoutPreemptively(Duration.ofMinutes(2),
                        () -> catchThrowable(() -> store.find(number)), kind.name());
                assertThat(byStore).as("%s: store.find", kind).isInstanceOf(StoreFailure.class);
                assertThat(((StoreFailure) byStore).status()).as("%s", kind).isEqualTo(ReservationOutcome.Status.FATAL);
                assertReportedSafely(kind, number, byStore);
                Throwable byGenerator = assertTimeoutPreemptively(Duration.ofMinutes(2),
                        () -> catchThrowable(() -> generator.find(number)), kind.name());
                assertThat(byGenerator).as("%s: generator.find", kind).isInstanceOf(TrackingNumberException.class);
                assertReportedSafely(kind, number, byGenerator);
            }
        }
        System.out.println(getClass().getSimpleName() + " foreign records not representable: " + notRepresentable);
    }

    private static void assertReportedSafely(ForeignRecord kind, String number, Throwable thrown) {
        assertThat(thrown.getMessage()).as("%s", kind).contains(number).contains("not a valid Tracknum record");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("%s: message of %s", kind, t.getClass().getName())
                    .doesNotContain(ForeignRecord.SECRET_NAME).doesNotContain("Mallory")
                    .doesNotContain(ForeignRecord.SECRET_SLUG).doesNotContain("999999999")
                    .doesNotContain("xxxxxxxx");
        }
    }

    @Test
    void aStoreThatKeepsKeysRunsTheIdempotencyContractAndOneThatDoesNotRefusesKeys() {
        if (store.supportsIdempotencyKeys()) {
            assertThat(this).as("%s keeps idempotency keys: its contract test must extend IdempotencyContract",
                    store.describe()).isInstanceOf(IdempotencyContract.class);
            return;
        }
        AtomicInteger drawn = new AtomicInteger();
        try (TrackingNumberGenerator generator = generator().candidateSource(r -> {
            drawn.incrementAndGet();
            return randomNumber();
        }).build()) {
            assertThatThrownBy(() -> generator.next(TestRequests.unique(), "order-1"))
                    .isExactlyInstanceOf(org.tracknum.TrackingNumberException.class)
                    .hasMessageContaining("does not keep idempotency keys");
            assertThatThrownBy(() -> generator.nextAll(List.of(TestRequests.unique()), List.of("order-1")))
                    .hasMessageContaining("does not keep idempotency keys");
            assertThat(drawn).as("nothing was tried").hasValue(0);
        }
    }

    @Test
    void bulkIssueReturnsNumbersInInputOrderFromBatches() {
        List<ShipmentRequest> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            requests.add(i % 50 == 0 ? TestRequests.demanding() : TestRequests.unique());
        }
        try (TrackingNumberGenerator generator = generator().bulkSize(128).build()) {
            List<IssuedTrackingNumber> issued = generator.nextAll(requests);
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(issued).extracting(IssuedTrackingNumber::trackingNumber).doesNotHaveDuplicates();
            issued.forEach(n -> assertThat(store.find(n.trackingNumber())).contains(n));
        }
    }

    @Test
    void bulkIssueWithABadItemNamesItsIndexAndStoresNothing() {
        List<ShipmentRequest> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(TestRequests.unique());
        }
        requests.set(7, null);
        List<String> keys = new ArrayList<>(java.util.Collections.nCopies(20, (String) null));
        keys.set(11, "not a key");
        AtomicInteger drawn = new AtomicInteger();
        try (TrackingNumberGenerator generator = generator().candidateSource(r -> {
            drawn.incrementAndGet();
            return randomNumber();
        }).build()) {
            assertThatThrownBy(() -> generator.nextAll(requests, keys))
                    .isInstanceOfSatisfying(org.tracknum.InvalidRequestException.class,
                            e -> assertThat(e.errors()).extracting(org.tracknum.FieldError::field)
                                    .containsExactly("[7]", "[11].idempotency_key"));
            assertThatThrownBy(() -> generator.nextAll(requests))
                    .isInstanceOf(org.tracknum.InvalidRequestException.class);
            assertThat(drawn).as("nothing was tried, so nothing stored").hasValue(0);
        }
    }

    @Test
    void bulkIssueOfTenThousandRequests() {
        int n = 10_000;
        List<ShipmentRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(TestRequests.unique());
        }
        try (TrackingNumberGenerator generator = generator().build()) {
            List<IssuedTrackingNumber> issued = generator.nextAll(requests);
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(issued).extracting(IssuedTrackingNumber::trackingNumber).doesNotHaveDuplicates();
            for (int i = 0; i < n; i += 101) {
                assertThat(store.find(issued.get(i).trackingNumber())).contains(issued.get(i));
            }
        }
    }

    /** A generator builder over {@link #store}; closing the generator leaves the store open for checks. */
    protected TrackingNumberGenerator.Builder generator() {
        return TrackingNumberGenerator.builder().store(new KeptOpen(store));
    }

    /**
     * Delegates everything but {@code close()}, which the test does itself. Tests that observe a
     * store's calls extend it and override the calls they watch.
     */
    public static class KeptOpen implements ReservationStore {
        private final ReservationStore delegate;

        public KeptOpen(ReservationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ReservationOutcome> reserve(List<Reservation> batch) {
            return delegate.reserve(batch);
        }

        @Override
        public List<ReservationOutcome> verify(List<Reservation> reservations) {
            return delegate.verify(reservations);
        }

        @Override
        public Optional<IssuedTrackingNumber> find(String trackingNumber) {
            return delegate.find(trackingNumber);
        }

        @Override
        public boolean supportsIdempotencyKeys() {
            return delegate.supportsIdempotencyKeys();
        }

        @Override
        public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
            return delegate.findByIdempotencyKey(customerId, idempotencyKey);
        }

        @Override
        public void ping() {
            delegate.ping();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            // the test closes the delegate
        }
    }
}
