package org.tracknum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tracknum.IdempotencyConflictException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.PartialIssueException;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;

/**
 * The contract of a store that keeps idempotency keys ({@link ReservationStore#supportsIdempotencyKeys()}
 * true): everything of {@link ReservationStoreContract} plus the key cases. A store that keeps keys
 * extends this class instead of {@link ReservationStoreContract} (the base contract fails a store
 * that keeps keys but does not run these):
 * <ul>
 *   <li>SPI: a second keyed reservation of a key is {@code KEY_HELD} with the stored record, from
 *       {@code reserve} and from {@code verify}; keys are scoped by customer; two reservations of
 *       one key in one batch store one number; {@code findByIdempotencyKey};</li>
 *   <li>the same key and request get the same number and {@code issued_at}, also through a
 *       second generator on the same store; a different request is a conflict and stores nothing;</li>
 *   <li>16 threads on two generators with one key get one number; two generators racing on
 *       1,000 keys store one number per key (checked with {@link KeyedHistory});</li>
 *   <li>bulk: keyed and unkeyed items mixed, the same key twice in one list, a retry of a list
 *       of 10,000 keyed items returning the same numbers, an item conflicting with a stored key.</li>
 * </ul>
 */
public abstract class IdempotencyContract extends ReservationStoreContract {
    private static final int RACE_KEYS = 1_000;

    /** Keys each of the two generators races on; at least 1,000 (the default). */
    protected int racingKeys() {
        return RACE_KEYS;
    }

    private static Reservation keyed(String number, ShipmentRequest request, String key) {
        return new Reservation(UUID.randomUUID(), number, request, Instant.now().truncatedTo(ChronoUnit.MICROS), key);
    }

    private static ShipmentRequest otherRequestOfTheSameCustomer(ShipmentRequest request) {
        return new ShipmentRequest(request.originCountryId(), request.destinationCountryId(), new BigDecimal("7.5"),
                request.createdAt(), request.customerId(), request.customerName(), request.customerSlug());
    }

    @Test
    void theStoreSaysItKeepsKeys() {
        assertThat(store.supportsIdempotencyKeys()).as("%s runs the IdempotencyContract", store.describe()).isTrue();
    }

    @Test
    void aSecondReservationOfAKeyIsKeyHeldWithTheStoredRecord() {
        ShipmentRequest request = TestRequests.demanding();
        Reservation first = keyed(randomNumber(), request, "order-1");
        Reservation second = keyed(randomNumber(), request, "order-1");
        assertThat(store.reserve(List.of(first))).extracting(ReservationOutcome::status)
                .containsExactly(ReservationOutcome.Status.RESERVED);
        List<ReservationOutcome> outcomes = store.reserve(List.of(second));
        assertThat(outcomes).extracting(ReservationOutcome::status).containsExactly(ReservationOutcome.Status.KEY_HELD);
        assertThat(outcomes.get(0).existing()).isEqualTo(first.toIssued());
        assertThat(store.find(second.trackingNumber())).as("nothing stored for the second reservation").isEmpty();
        assertThat(store.findByIdempotencyKey(request.customerId(), "order-1")).contains(first.toIssued());
        assertThat(store.findByIdempotencyKey(request.customerId(), "order-2")).isEmpty();
        assertThat(store.findByIdempotencyKey(UUID.randomUUID(), "order-1")).isEmpty();

        List<ReservationOutcome> verdicts = store.verify(List.of(first, second));
        assertThat(verdicts).extracting(ReservationOutcome::status)
                .containsExactly(ReservationOutcome.Status.RESERVED, ReservationOutcome.Status.KEY_HELD);
        assertThat(verdicts.get(1).existing()).isEqualTo(first.toIssued());

        Reservation sameNumberFreeKey = keyed(first.trackingNumber(), TestRequests.unique(), "order-1");
        assertThat(store.verify(List.of(sameNumberFreeKey))).extracting(ReservationOutcome::status)
                .containsExactly(ReservationOutcome.Status.TAKEN);
        assertThat(store.reserve(List.of(sameNumberFreeKey))).extracting(ReservationOutcome::status)
                .containsExactly(ReservationOutcome.Status.TAKEN);
        assertThat(store.findByIdempotencyKey(sameNumberFreeKey.request().customerId(), "order-1")).isEmpty();
    }

    @Test
    void keysAreScopedByCustomerAndUnkeyedRowsDoNotCollide() {
        Reservation a = keyed(randomNumber(), TestRequests.unique(), "shared");
        Reservation b = keyed(randomNumber(), TestRequests.unique(), "shared");
        Reservation plain1 = reservation(randomNumber(), TestRequests.unique());
        Reservation plain2 = reservation(randomNumber(), plain1.request());
        assertThat(store.reserve(List.of(a, b, plain1, plain2))).extracting(ReservationOutcome::status)
                .containsOnly(ReservationOutcome.Status.RESERVED);
        assertThat(store.findByIdempotencyKey(a.request().customerId(), "shared")).contains(a.toIssued());
        assertThat(store.findByIdempotencyKey(b.request().customerId(), "shared")).contains(b.toIssued());
    }

    @Test
    void twoReservationsOfOneKeyInOneBatchStoreOneNumber() {
        ShipmentRequest request = TestRequests.unique();
        Reservation x = keyed(randomNumber(), request, "twin");
        Reservation y = keyed(randomNumber(), request, "twin");
        Reservation other = keyed(randomNumber(), TestRequests.unique(), "twin");
        List<ReservationOutcome> outcomes = store.reserve(List.of(x, other, y));
        assertThat(outcomes.get(1).status()).isEqualTo(ReservationOutcome.Status.RESERVED);
        assertThat(List.of(outcomes.get(0).status(), outcomes.get(2).status()))
                .containsExactlyInAnyOrder(ReservationOutcome.Status.RESERVED, ReservationOutcome.Status.KEY_HELD);
        Reservation winner = outcomes.get(0).status() == ReservationOutcome.Status.RESERVED ? x : y;
        Reservation loser = winner == x ? y : x;
        ReservationOutcome held = outcomes.get(winner == x ? 2 : 0);
        assertThat(held.existing()).isEqualTo(winner.toIssued());
        assertThat(store.find(loser.trackingNumber())).isEmpty();
        assertThat(store.findByIdempotencyKey(request.customerId(), "twin")).contains(winner.toIssued());
    }

    @Test
    void theSameKeyAndRequestGetTheSameNumberAlsoThroughASecondGenerator() {
        ShipmentRequest request = TestRequests.demanding();
        try (TrackingNumberGenerator one = generator().build(); TrackingNumberGenerator two = generator().build()) {
            IssuedTrackingNumber first = one.next(request, "label-1");
            IssuedTrackingNumber again = one.next(request, "label-1");
            IssuedTrackingNumber elsewhere = two.next(request, "label-1");
            assertThat(again).isEqualTo(first);
            assertThat(elsewhere).isEqualTo(first);
            assertThat(elsewhere.issuedAt()).isEqualTo(first.issuedAt());
            assertThat(two.findByIdempotencyKey(request.customerId(), "label-1")).contains(first);
            assertThat(store.find(first.trackingNumber())).contains(first);
        }
    }

    @Test
    void theSameKeyForAnotherRequestIsAConflictAndStoresNothing() {
        ShipmentRequest request = TestRequests.unique();
        List<String> drawn = Collections.synchronizedList(new ArrayList<>());
        try (TrackingNumberGenerator generator = generator().candidateSource(r -> {
            String c = randomNumber();
            drawn.add(c);
            return c;
        }).build()) {
            IssuedTrackingNumber first = generator.next(request, "order-9");
            ShipmentRequest other = otherRequestOfTheSameCustomer(request);
            assertThatThrownBy(() -> generator.next(other, "order-9"))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                        assertThat(e.idempotencyKey()).isEqualTo("order-9");
                        assertThat(e.trackingNumber()).isEqualTo(first.trackingNumber());
                    })
                    .hasMessageNotContaining(request.customerName());
            assertThat(drawn).hasSize(2);
            assertThat(store.find(drawn.get(1))).as("the conflicting call's candidate").isEmpty();
            assertThat(generator.findByIdempotencyKey(request.customerId(), "order-9")).contains(first);
        }
    }

    @Test
    void sixteenThreadsOnTwoGeneratorsWithOneKeyGetOneNumber() throws Exception {
        KeyedHistory history = new KeyedHistory();
        try (TrackingNumberGenerator one = generator().candidateSource(history.candidates()).build();
             TrackingNumberGenerator two = generator().candidateSource(history.candidates()).build()) {
            for (int round = 0; round < 5; round++) {
                KeyedHistory.Key key = history.key(round);
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(16);
                try {
                    List<Future<IssuedTrackingNumber>> calls = new ArrayList<>();
                    for (int t = 0; t < 16; t++) {
                        TrackingNumberGenerator generator = t % 2 == 0 ? one : two;
                        calls.add(pool.submit(() -> {
                            go.await();
                            return history.issue(generator, key).orElseThrow();
                        }));
                    }
                    go.countDown();
                    Set<IssuedTrackingNumber> results = new HashSet<>();
                    for (Future<IssuedTrackingNumber> f : calls) {
                        results.add(f.get());
                    }
                    assertThat(results).hasSize(1);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        history.check(store);
    }

    @Test
    void twoGeneratorsRacingOnAThousandKeysStoreOneNumberPerKey() throws Exception {
        int keyCount = Math.max(racingKeys(), RACE_KEYS);
        // Only the workers' order of keys is random: seeded and printed so that a failure can be
        // replayed; the candidate numbers come from a SecureRandom (History.randomCandidate).
        long seed = new Random().nextLong();
        System.out.println(getClass().getSimpleName() + " key race seed: " + seed);
        KeyedHistory history = new KeyedHistory();
        List<KeyedHistory.Key> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add(history.key(i));
        }
        try (TrackingNumberGenerator one = generator().candidateSource(history.candidates()).build();
             TrackingNumberGenerator two = generator().candidateSource(history.candidates()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> workers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    TrackingNumberGenerator generator = w % 2 == 0 ? one : two;
                    List<KeyedHistory.Key> order = new ArrayList<>(keys);
                    Collections.shuffle(order, new Random(seed + w));
                    workers.add(() -> {
                        for (KeyedHistory.Key key : order.subList(0, keyCount / 2)) {
                            assertThat(history.issue(generator, key)).isPresent();
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
                // Every key once more from each generator, in one bulk call each.
                assertThat(history.issueAll(one, keys)).allMatch(o -> o.isPresent());
                assertThat(history.issueAll(two, keys)).allMatch(o -> o.isPresent());
            } finally {
                pool.shutdownNow();
            }
        }
        KeyedHistory.Summary summary = history.check(store);
        System.out.println(getClass().getSimpleName() + " key race: " + summary);
        assertThat(summary.settled()).isEqualTo(keyCount);
    }

    @Test
    void bulkMixesKeyedAndUnkeyedItemsAndReturnsTheSameNumbersForKeysOnRetry() {
        List<ShipmentRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(i % 3 == 0 ? TestRequests.westward() : TestRequests.unique());
        }
        List<String> keys = Arrays.asList("k0", null, "k2", null, "k4", "k5", null, "k7");
        try (TrackingNumberGenerator generator = generator().bulkSize(3).build()) {
            List<IssuedTrackingNumber> first = generator.nextAll(requests, keys);
            assertThat(first).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            List<IssuedTrackingNumber> again = generator.nextAll(requests, keys);
            for (int i = 0; i < requests.size(); i++) {
                assertThat(store.find(first.get(i).trackingNumber())).contains(first.get(i));
                if (keys.get(i) == null) {
                    assertThat(again.get(i).trackingNumber()).isNotEqualTo(first.get(i).trackingNumber());
                } else {
                    assertThat(again.get(i)).isEqualTo(first.get(i));
                    assertThat(store.findByIdempotencyKey(requests.get(i).customerId(), keys.get(i)))
                            .contains(first.get(i));
                }
            }
        }
    }

    @Test
    void theSameKeyTwiceInOneListGetsOneNumber() {
        ShipmentRequest request = TestRequests.unique();
        try (TrackingNumberGenerator generator = generator().build()) {
            List<IssuedTrackingNumber> issued = generator.nextAll(List.of(request, TestRequests.unique(), request),
                    List.of("dup", "single", "dup"));
            assertThat(issued.get(2)).isEqualTo(issued.get(0));
            assertThat(issued.get(1)).isNotEqualTo(issued.get(0));
            assertThat(generator.next(request, "dup")).isEqualTo(issued.get(0));
        }
    }

    @Test
    void aBulkItemConflictingWithAStoredKeyFailsAloneAndTheOthersAreIssued() {
        ShipmentRequest request = TestRequests.unique();
        try (TrackingNumberGenerator generator = generator().build()) {
            IssuedTrackingNumber stored = generator.next(request, "taken-key");
            List<ShipmentRequest> list = List.of(TestRequests.unique(), otherRequestOfTheSameCustomer(request),
                    TestRequests.unique());
            assertThatThrownBy(() -> generator.nextAll(list, Arrays.asList("a", "taken-key", null)))
                    .isInstanceOfSatisfying(PartialIssueException.class, e -> {
                        assertThat(e.failedIndexes()).containsExactly(1);
                        assertThat(e.failures().get(1)).isInstanceOfSatisfying(IdempotencyConflictException.class,
                                c -> assertThat(c.trackingNumber()).isEqualTo(stored.trackingNumber()));
                        assertThat(e.issued()).containsOnlyKeys(0, 2);
                        e.issued().forEach((i, n) -> assertThat(store.find(n.trackingNumber())).contains(n));
                    });
            assertThat(generator.findByIdempotencyKey(request.customerId(), "taken-key")).contains(stored);
        }
    }

    @Test
    void tenThousandKeyedItemsInOneCallAndTheirRetry() {
        int n = 10_000;
        List<ShipmentRequest> requests = new ArrayList<>(n);
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(TestRequests.unique());
            keys.add("bulk-" + i);
        }
        try (TrackingNumberGenerator generator = generator().build()) {
            List<IssuedTrackingNumber> issued = generator.nextAll(requests, keys);
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(new HashSet<>(issued)).hasSize(n);
            assertThat(generator.nextAll(requests, keys)).isEqualTo(issued);
            for (int i = 0; i < n; i += 97) {
                assertThat(store.findByIdempotencyKey(requests.get(i).customerId(), keys.get(i))).contains(issued.get(i));
                assertThat(store.find(issued.get(i).trackingNumber())).contains(issued.get(i));
            }
        }
    }
}
