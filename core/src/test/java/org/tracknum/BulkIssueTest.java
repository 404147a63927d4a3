package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.ScriptedFaultStore.Fault;
import org.tracknum.spi.ReservationStore;

/** {@code nextAll}: validation first, store batches, order, keys, part-way failures, settings. */
class BulkIssueTest {
    private final ScriptedFaultStore store = new ScriptedFaultStore();
    private final AtomicInteger issuedEvents = new AtomicInteger();
    private final AtomicInteger failureEvents = new AtomicInteger();

    BulkIssueTest() {
        store.keys = true;
    }

    private TrackingNumberGenerator.Builder builder(ReservationStore target, Duration budget) {
        return TrackingNumberGenerator.builder()
                .store(target)
                .retryPolicy(RetryPolicy.builder().budget(budget).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(20)).build())
                .listener(new TrackingNumberListener() {
                    @Override
                    public void issued(Duration elapsed) {
                        issuedEvents.incrementAndGet();
                    }

                    @Override
                    public void failure(TrackingNumberException failure, Duration elapsed) {
                        failureEvents.incrementAndGet();
                    }
                });
    }

    private TrackingNumberGenerator generator() {
        return builder(store, Duration.ofSeconds(5)).build();
    }

    private static List<ShipmentRequest> requests(int n) {
        List<ShipmentRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(ValidRequests.unique());
        }
        return requests;
    }

    private static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    @Test
    void numbersComeBackInInputOrderFromBatchesOfTheBulkSize() {
        try (TrackingNumberGenerator generator = builder(store, Duration.ofSeconds(5)).bulkSize(100).build()) {
            List<ShipmentRequest> requests = requests(250);
            List<IssuedTrackingNumber> issued = generator.nextAll(requests);
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(new HashSet<>(issued)).hasSize(250);
            issued.forEach(n -> assertThat(store.find(n.trackingNumber())).contains(n));
            assertThat(store.batchSizes).containsExactly(100, 100, 50);
            assertThat(issuedEvents).hasValue(250);
            assertThat(generator.nextAll(List.of())).isEmpty();
        }
    }

    @Test
    void tenThousandRequestsGoInBatchesOfOneThousandByDefault() {
        try (TrackingNumberGenerator generator = generator()) {
            List<ShipmentRequest> requests = requests(10_000);
            List<IssuedTrackingNumber> issued = generator.nextAll(requests, keys("label-", 10_000));
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(store.memory.size()).isEqualTo(10_000);
            assertThat(store.batchSizes).hasSize(10).containsOnly(1000);
            assertThat(generator.nextAll(requests, keys("label-", 10_000))).isEqualTo(issued);
            assertThat(store.memory.size()).isEqualTo(10_000);
        }
    }

    @Test
    void everyBadItemIsNamedByIndexAndNothingIsStored() {
        try (TrackingNumberGenerator generator = generator()) {
            List<ShipmentRequest> requests = new ArrayList<>(requests(10));
            requests.set(3, null);
            List<String> keys = new ArrayList<>(Arrays.asList(new String[10]));
            keys.set(2, "bad key");
            keys.set(7, "");
            keys.set(8, "fine");
            List<FieldError> errors = ValidRequests.errorsOf(() -> generator.nextAll(requests, keys));
            assertThat(errors).extracting(FieldError::field)
                    .containsExactly("[2].idempotency_key", "[3]", "[7].idempotency_key");
            assertThat(errors.get(0).rejectedValue()).isEqualTo("bad key");
            assertThat(store.memory.size()).isZero();
            assertThat(store.batchSizes).isEmpty();
            assertThatThrownBy(() -> generator.nextAll(requests(3), List.of("a", "b")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 requests, 2 keys");
        }
    }

    @Test
    void parameterListsAreParsedWithIndexedFieldErrors() {
        Map<String, String> bad = ValidRequests.parametersWith("weight", "1e2");
        bad.put("customer_name", "");
        List<Map<String, String>> items = new ArrayList<>(List.of(ValidRequests.parameters(), bad));
        items.add(null);
        List<FieldError> errors = ValidRequests.errorsOf(() -> ShipmentRequest.fromParameterList(items));
        assertThat(errors).extracting(FieldError::field).containsExactly("[1].weight", "[1].customer_name", "[2]");
        assertThat(errors.get(1).rejectedValue()).isNull();
        assertThat(ShipmentRequest.fromParameterList(List.of(ValidRequests.parameters())))
                .singleElement().isEqualTo(ShipmentRequest.fromParameters(ValidRequests.parameters()));
    }

    @Test
    void aListOverTheLimitIsRefusedWhole() {
        try (TrackingNumberGenerator generator = builder(store, Duration.ofSeconds(5)).maxBulk(5).build()) {
            assertThatThrownBy(() -> generator.nextAll(requests(6)))
                    .isInstanceOfSatisfying(BulkLimitExceededException.class, e -> {
                        assertThat(e.size()).isEqualTo(6);
                        assertThat(e.limit()).isEqualTo(5);
                    });
            assertThat(generator.nextAll(requests(5))).hasSize(5);
            assertThat(store.memory.size()).isEqualTo(5);
        }
    }

    @Test
    void mixedKeyedAndUnkeyedItemsAndARetryOfTheList() {
        try (TrackingNumberGenerator generator = generator()) {
            List<ShipmentRequest> requests = requests(6);
            List<String> keys = Arrays.asList("a", null, "b", null, "c", null);
            List<IssuedTrackingNumber> first = generator.nextAll(requests, keys);
            List<IssuedTrackingNumber> again = generator.nextAll(requests, keys);
            for (int i = 0; i < 6; i++) {
                if (keys.get(i) != null) {
                    assertThat(again.get(i)).isEqualTo(first.get(i));
                    assertThat(generator.findByIdempotencyKey(requests.get(i).customerId(), keys.get(i)))
                            .contains(first.get(i));
                } else {
                    assertThat(again.get(i).trackingNumber()).isNotEqualTo(first.get(i).trackingNumber());
                }
            }
            assertThat(store.memory.size()).isEqualTo(9);
            // A keyed list issued one by one earlier replays through nextAll too.
            IssuedTrackingNumber single = generator.next(requests.get(0), "z");
            assertThat(generator.nextAll(List.of(requests.get(0)), List.of("z"))).containsExactly(single);
        }
    }

    @Test
    void theSameKeyTwiceInOneListGetsOneNumberOrIsAConflict() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            ShipmentRequest other = ValidRequests.unique();
            List<IssuedTrackingNumber> issued = generator.nextAll(List.of(request, other, request),
                    List.of("twice", "once", "twice"));
            assertThat(issued.get(2)).isEqualTo(issued.get(0));
            assertThat(store.memory.size()).isEqualTo(2);

            ShipmentRequest sameCustomerOtherWeight = ValidRequests.typed("MY", "ID", new BigDecimal("9"),
                    ValidRequests.createdAt(), request.customerId(), "RedBox Logistics", "redbox-logistics");
            int before = store.batchSizes.size();
            assertThatThrownBy(() -> generator.nextAll(List.of(ValidRequests.unique(), request,
                    sameCustomerOtherWeight), List.of("x", "new-key", "new-key")))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                        assertThat(e.idempotencyKey()).isEqualTo("new-key");
                        assertThat(e.trackingNumber()).isNull();
                    })
                    .hasMessageContaining("[1] and [2]");
            assertThat(store.batchSizes).hasSize(before);
            assertThat(store.memory.size()).isEqualTo(2);
        }
    }

    @Test
    void anItemConflictingWithAStoredKeyFailsAloneAndTheOthersAreIssued() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            IssuedTrackingNumber stored = generator.next(request, "used");
            ShipmentRequest conflicting = ValidRequests.typed("MY", "ID", new BigDecimal("3"),
                    ValidRequests.createdAt(), request.customerId(), "RedBox Logistics", "redbox-logistics");
            assertThatThrownBy(() -> generator.nextAll(List.of(conflicting), List.of("used")))
                    .isInstanceOf(IdempotencyConflictException.class);
            List<ShipmentRequest> list = List.of(ValidRequests.unique(), conflicting, ValidRequests.unique());
            assertThatThrownBy(() -> generator.nextAll(list, Arrays.asList("k0", "used", null)))
                    .isInstanceOfSatisfying(PartialIssueException.class, e -> {
                        assertThat(e.issued()).containsOnlyKeys(0, 2);
                        assertThat(e.failedIndexes()).containsExactly(1);
                        assertThat(e.failures().get(1)).isInstanceOf(IdempotencyConflictException.class);
                        assertThat(e.failures().get(1).getMessage()).contains(stored.trackingNumber());
                        e.issued().forEach((i, n) -> assertThat(n.request()).isEqualTo(list.get(i)));
                    });
            assertThat(store.memory.size()).isEqualTo(3);
            assertThat(failureEvents).hasValue(2);
        }
    }

    @Test
    void aStoreFailingPartWayReportsWhatWasIssuedAndARetryWithKeysReturnsTheSameNumbers() {
        AtomicInteger allowed = new AtomicInteger(250);
        store.reserveFaults = r -> {
            if (allowed.getAndDecrement() > 0) {
                return Fault.NONE;
            }
            store.down = true; // the store is gone, not a key held by another writer
            return Fault.TRANSIENT;
        };
        try (TrackingNumberGenerator generator = builder(store, Duration.ofMillis(300)).bulkSize(100).build()) {
            List<ShipmentRequest> requests = requests(400);
            List<String> keys = keys("run-", 400);
            PartialIssueException[] thrown = new PartialIssueException[1];
            assertThatThrownBy(() -> generator.nextAll(requests, keys))
                    .isInstanceOfSatisfying(PartialIssueException.class, e -> thrown[0] = e)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("issued 250 of 400");
            PartialIssueException partial = thrown[0];
            assertThat(partial.issued()).hasSize(250);
            assertThat(partial.failedIndexes()).hasSize(150);
            assertThat(partial.failures().values()).allMatch(f -> f instanceof StoreUnavailableException);
            partial.issued().forEach((i, n) -> {
                assertThat(n.request()).isEqualTo(requests.get(i));
                assertThat(store.find(n.trackingNumber())).contains(n);
            });
            assertThat(store.memory.size()).isEqualTo(250);

            store.down = false;
            store.reserveFaults = r -> Fault.NONE;
            List<IssuedTrackingNumber> retried = generator.nextAll(requests, keys);
            partial.issued().forEach((i, n) -> assertThat(retried.get(i)).isEqualTo(n));
            assertThat(store.memory.size()).isEqualTo(400);
        }
    }

    /**
     * The store answers but some keyed writes keep failing (another writer's open transaction on
     * the key): at the end of the budget each such item is looked up by its key, as next does.
     */
    @Test
    void keyedItemsStillFailingOnAnAnsweringStoreAreLookedUpByKey() {
        List<ShipmentRequest> requests = requests(6);
        List<String> keys = new ArrayList<>(keys("held-", 6));
        keys.set(5, null);
        // item 1's key was stored by another writer (same request): a replay
        IssuedTrackingNumber other;
        try (TrackingNumberGenerator writer = builder(store, Duration.ofSeconds(5)).build()) {
            other = writer.next(requests.get(1), keys.get(1));
        }
        java.util.Set<java.util.UUID> held = new HashSet<>();
        for (int i = 1; i < 6; i++) {
            held.add(requests.get(i).customerId());
        }
        store.reserveFaults = r -> held.contains(r.request().customerId()) ? Fault.TRANSIENT : Fault.NONE;
        try (TrackingNumberGenerator generator = builder(store, Duration.ofMillis(200)).build()) {
            PartialIssueException[] thrown = new PartialIssueException[1];
            assertThatThrownBy(() -> generator.nextAll(requests, keys))
                    .isInstanceOfSatisfying(PartialIssueException.class, e -> thrown[0] = e);
            PartialIssueException partial = thrown[0];
            assertThat(partial.issued()).containsOnlyKeys(0, 1);
            assertThat(partial.issued().get(1)).isEqualTo(other);
            assertThat(partial.failures()).containsOnlyKeys(2, 3, 4, 5);
            for (int i = 2; i < 5; i++) {
                assertThat(partial.failures().get(i)).isInstanceOfSatisfying(IdempotencyKeyInFlightException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class));
            }
            assertThat(partial.failures().get(5)).isExactlyInstanceOf(StoreUnavailableException.class);
            assertThat(store.memory.size()).isEqualTo(2);
        }
    }

    @Test
    void aLongListKeepsUpToLanesStoreBatchesInFlight() {
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        store.reserveFaults = r -> {
            threads.add(Thread.currentThread().getName());
            return Fault.NONE;
        };
        store.delayNanosPerBatch = Duration.ofMillis(20).toNanos();
        String caller = Thread.currentThread().getName();
        try (TrackingNumberGenerator generator = builder(store, Duration.ofSeconds(5)).bulkSize(100).lanes(2).build()) {
            List<ShipmentRequest> requests = requests(1000);
            assertThat(generator.nextAll(requests)).extracting(IssuedTrackingNumber::request)
                    .containsExactlyElementsOf(requests);
            assertThat(threads).hasSize(2).contains(caller).anyMatch(name -> name.startsWith("tracknum-bulk-"));
        }
        threads.clear();
        try (TrackingNumberGenerator generator = builder(store, Duration.ofSeconds(5)).bulkSize(100).lanes(1).build()) {
            assertThat(generator.nextAll(requests(300))).hasSize(300);
            assertThat(threads).containsExactly(caller);
        }
        assertThat(store.memory.size()).isEqualTo(1300);
    }

    @Test
    void aStoreThatIsDownForTheWholeCallIsUnavailableWithNothingIssued() {
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = builder(store, Duration.ofMillis(200)).build()) {
            assertThatThrownBy(() -> generator.nextAll(requests(20)))
                    .isExactlyInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("unavailable after");
            assertThat(store.memory.size()).isZero();
        }
    }

    @Test
    void transientAmbiguousAndTakenItemsAreSettledAsNextSettlesThem() {
        AtomicInteger seen = new AtomicInteger();
        store.reserveFaults = r -> {
            switch (seen.getAndIncrement() % 7) {
                case 1:
                    return Fault.TRANSIENT;
                case 3:
                    return Fault.AMBIGUOUS_WRITTEN;
                case 5:
                    return Fault.AMBIGUOUS_LOST;
                default:
                    return Fault.NONE;
            }
        };
        AtomicInteger drawn = new AtomicInteger();
        List<String> taken = new ArrayList<>();
        try (TrackingNumberGenerator generator = builder(store, Duration.ofSeconds(5))
                .candidateSource(r -> {
                    String c = TrackingNumberFormat.defaultFormat().candidate(r);
                    // every 10th draw repeats the first number: a collision
                    if (drawn.incrementAndGet() % 10 == 0 && !taken.isEmpty()) {
                        return taken.get(0);
                    }
                    if (taken.isEmpty()) {
                        taken.add(c);
                    }
                    return c;
                })
                .build()) {
            List<ShipmentRequest> requests = requests(300);
            List<String> keys = new ArrayList<>(keys("mix-", 300));
            for (int i = 0; i < 300; i += 2) {
                keys.set(i, null);
            }
            List<IssuedTrackingNumber> issued = generator.nextAll(requests, keys);
            assertThat(issued).extracting(IssuedTrackingNumber::request).containsExactlyElementsOf(requests);
            assertThat(new HashSet<>(issued)).hasSize(300);
            issued.forEach(n -> assertThat(store.find(n.trackingNumber())).contains(n));
            assertThat(store.verifyCalls.get()).isPositive();
            // Every stored number is either returned or a burned ambiguous write of its own item.
            assertThat(store.memory.size()).isGreaterThanOrEqualTo(300);
            for (int i = 1; i < 300; i += 2) {
                assertThat(generator.findByIdempotencyKey(requests.get(i).customerId(), keys.get(i)))
                        .contains(issued.get(i));
            }
        }
    }

    @Test
    void keysOnAStoreWithoutKeysAreRefusedBeforeAnythingIsStored() {
        store.keys = false;
        try (TrackingNumberGenerator generator = generator()) {
            assertThatThrownBy(() -> generator.nextAll(requests(3), Arrays.asList(null, "k", null)))
                    .isExactlyInstanceOf(TrackingNumberException.class)
                    .hasMessageContaining("does not keep idempotency keys");
            assertThat(store.memory.size()).isZero();
            assertThat(generator.nextAll(requests(3), Arrays.asList(null, null, null))).hasSize(3);
        }
    }

    @Test
    void bulkSettingsComeFromTheBuilderOrTheirKeysAndAreRangeChecked() {
        Properties p = new Properties();
        p.setProperty("tracknum.store", "memory");
        p.setProperty("tracknum.batch.bulk-size", "250");
        p.setProperty("tracknum.batch.max-bulk", "500");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(p)) {
            DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) generator;
            assertThat(g.bulkSize()).isEqualTo(250);
            assertThat(g.maxBulk()).isEqualTo(500);
        }
        p.setProperty("tracknum.batch.bulk-size", "10001");
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(p))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.batch.bulk-size=10001 is invalid: expected a whole number from 1 to 10000");
        assertThatThrownBy(() -> TrackingNumberGenerator.builder().store(new MemoryReservationStore()).maxBulk(0).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxBulk(0) is invalid: expected a whole number from 1 to 1000000");
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder()
                .store(new MemoryReservationStore()).build()) {
            DefaultTrackingNumberGenerator g = (DefaultTrackingNumberGenerator) generator;
            assertThat(g.bulkSize()).isEqualTo(1000);
            assertThat(g.maxBulk()).isEqualTo(10_000);
        }
    }
}
