package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracknum.ScriptedFaultStore.Fault;

/** {@code next(request, key)} and {@code findByIdempotencyKey} over the memory store and scripted faults. */
class IdempotentNextTest {
    private final MemoryReservationStore memory = new MemoryReservationStore();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger issuedEvents = new AtomicInteger();

    private TrackingNumberGenerator generator(org.tracknum.spi.ReservationStore store, Duration budget) {
        return TrackingNumberGenerator.builder()
                .store(store)
                .retryPolicy(RetryPolicy.builder().budget(budget).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(20)).build())
                .listener(new TrackingNumberListener() {
                    @Override
                    public void replayed(Duration elapsed) {
                        replayed.incrementAndGet();
                    }

                    @Override
                    public void issued(Duration elapsed) {
                        issuedEvents.incrementAndGet();
                    }
                })
                .build();
    }

    private TrackingNumberGenerator generator() {
        return generator(memory, Duration.ofSeconds(10));
    }

    @Test
    void theSameKeyAndRequestGetTheSameNumberAndIssueTime() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            IssuedTrackingNumber first = generator.next(request, "order-4711");
            IssuedTrackingNumber again = generator.next(request, "order-4711");
            assertThat(again).isEqualTo(first);
            assertThat(again.issuedAt()).isEqualTo(first.issuedAt());
            assertThat(memory.size()).isEqualTo(1);
            assertThat(generator.findByIdempotencyKey(request.customerId(), "order-4711")).contains(first);
            assertThat(generator.findByIdempotencyKey(request.customerId(), "order-4712")).isEmpty();
            assertThat(issuedEvents).hasValue(1);
            assertThat(replayed).hasValue(1);
        }
    }

    @Test
    void nextOrReplayTellsTheFirstCallFromItsReplays() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            KeyedIssue first = generator.nextOrReplay(request, "order-4711");
            KeyedIssue again = generator.nextOrReplay(request, "order-4711");
            assertThat(first.replayed()).isFalse();
            assertThat(again.replayed()).isTrue();
            assertThat(again.issued()).isEqualTo(first.issued());
            assertThat(generator.next(request, "order-4711")).isEqualTo(first.issued());
            assertThat(generator.nextOrReplay(request, null).replayed()).as("no key, no replay").isFalse();
            assertThat(memory.size()).isEqualTo(2);
            assertThat(replayed).hasValue(2);
        }
    }

    @Test
    void aReplayFromAnotherGeneratorOnTheStoreIsAReplay() {
        try (TrackingNumberGenerator one = generator(); TrackingNumberGenerator two = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            KeyedIssue first = one.nextOrReplay(request, "shared");
            KeyedIssue other = two.nextOrReplay(request, "shared");
            assertThat(first.replayed()).isFalse();
            assertThat(other.replayed()).isTrue();
            assertThat(other.issued()).isEqualTo(first.issued());
        }
    }

    @Test
    void requestsAreComparedAfterCanonicalisation() {
        try (TrackingNumberGenerator generator = generator()) {
            UUID customer = UUID.randomUUID();
            OffsetDateTime created = OffsetDateTime.parse("2018-11-20T19:29:32.123456789+08:00");
            ShipmentRequest first = ValidRequests.typed("my", "ID", new BigDecimal("1.5"), created, customer,
                    "  RedBox ", "redbox");
            ShipmentRequest same = ValidRequests.typed("MY", "id", new BigDecimal("1.50000"),
                    OffsetDateTime.parse("2018-11-20T19:29:32.123456+08:00"), customer, "RedBox", "redbox");
            assertThat(generator.next(same, "k")).isEqualTo(generator.next(first, "k"));
            assertThat(memory.size()).isEqualTo(1);
        }
    }

    @Test
    void theSameKeyForAnotherRequestIsAConflictAndStoresNothing() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            IssuedTrackingNumber first = generator.next(request, "order-1");
            ShipmentRequest other = ValidRequests.typed("MY", "ID", new BigDecimal("2"), ValidRequests.createdAt(),
                    request.customerId(), "Secret Person", "redbox-logistics");
            assertThatThrownBy(() -> generator.next(other, "order-1"))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                        assertThat(e.idempotencyKey()).isEqualTo("order-1");
                        assertThat(e.trackingNumber()).isEqualTo(first.trackingNumber());
                    })
                    .hasMessageContaining("order-1").hasMessageContaining(first.trackingNumber())
                    .hasMessageNotContaining("Secret Person").hasMessageNotContaining("RedBox");
            assertThat(memory.size()).isEqualTo(1);
        }
    }

    @Test
    void keysAreScopedByCustomer() {
        try (TrackingNumberGenerator generator = generator()) {
            IssuedTrackingNumber a = generator.next(ValidRequests.unique(), "shared");
            IssuedTrackingNumber b = generator.next(ValidRequests.unique(), "shared");
            assertThat(a.trackingNumber()).isNotEqualTo(b.trackingNumber());
            assertThat(memory.size()).isEqualTo(2);
        }
    }

    @Test
    void aNullKeyIsACallWithoutAKey() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            assertThat(generator.next(request, null)).isNotEqualTo(generator.next(request, null));
            assertThat(memory.size()).isEqualTo(2);
        }
    }

    @Test
    void keysOutsideVisibleAsciiOrLengthAreRejectedNamingTheField() {
        try (TrackingNumberGenerator generator = generator()) {
            ShipmentRequest request = ValidRequests.unique();
            for (String bad : List.of("", "a b", "x".repeat(256), "schlüssel", "tab\there", "\u202Eevil", "nul\0")) {
                List<FieldError> errors = ValidRequests.errorsOf(() -> generator.next(request, bad));
                assertThat(errors).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("idempotency_key");
                    assertThat(e.message()).contains("1 to 255 visible ASCII characters");
                    assertThat(e.rejectedValue()).doesNotContain("\t", "\0", "\u202E");
                });
            }
            assertThat(ValidRequests.errorsOf(() -> generator.next(request, "x".repeat(300))).get(0).rejectedValue())
                    .hasSize(65).endsWith("…");
            assertThat(ValidRequests.errorsOf(() -> generator.findByIdempotencyKey(request.customerId(), " ")))
                    .extracting(FieldError::field).containsExactly("idempotency_key");
            assertThat(memory.size()).isZero();
            String longest = "!~" + "k".repeat(253);
            assertThat(generator.next(request, longest)).isEqualTo(generator.next(request, longest));
        }
    }

    @Test
    void aStoreWithoutKeysRefusesKeyedCallsBeforeStoringAnything() {
        ScriptedFaultStore store = new ScriptedFaultStore();
        try (TrackingNumberGenerator generator = generator(store, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique(), "k1"))
                    .isExactlyInstanceOf(TrackingNumberException.class)
                    .hasMessageContaining("does not keep idempotency keys");
            assertThatThrownBy(() -> generator.findByIdempotencyKey(UUID.randomUUID(), "k1"))
                    .hasMessageContaining("does not keep idempotency keys");
            assertThat(store.memory.size()).isZero();
            assertThat(store.batchSizes).isEmpty();
            generator.next(ValidRequests.unique());
        }
    }

    @Test
    void sixteenThreadsWithOneKeyGetOneNumber() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (TrackingNumberGenerator generator = generator()) {
                ShipmentRequest request = ValidRequests.unique();
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(16);
                try {
                    List<Callable<KeyedIssue>> calls = new ArrayList<>();
                    for (int t = 0; t < 16; t++) {
                        calls.add(() -> {
                            go.await();
                            return generator.nextOrReplay(request, "burst");
                        });
                    }
                    List<Future<KeyedIssue>> futures = new ArrayList<>();
                    calls.forEach(c -> futures.add(pool.submit(c)));
                    go.countDown();
                    Set<IssuedTrackingNumber> results = new HashSet<>();
                    int firstIssues = 0;
                    for (Future<KeyedIssue> f : futures) {
                        KeyedIssue result = f.get();
                        results.add(result.issued());
                        firstIssues += result.replayed() ? 0 : 1;
                    }
                    assertThat(results).hasSize(1);
                    assertThat(firstIssues).as("calls told they issued the number").isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        assertThat(memory.size()).isEqualTo(20);
    }

    @Test
    void aCallerWaitingPastItsBudgetForTheKeysFirstCallIsToldItIsInFlight() throws Exception {
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.keys = true;
        store.delayNanosPerBatch = Duration.ofMillis(1500).toNanos();
        try (TrackingNumberGenerator generator = generator(store, Duration.ofMillis(300))) {
            ShipmentRequest request = ValidRequests.unique();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<IssuedTrackingNumber> first = pool.submit(() -> generator.next(request, "slow"));
                while (store.batchSizes.isEmpty()) {
                    Thread.sleep(1);
                }
                assertThatThrownBy(() -> generator.next(request, "slow"))
                        .isInstanceOfSatisfying(IdempotencyKeyInFlightException.class,
                                e -> assertThat(e.idempotencyKey()).isEqualTo("slow"))
                        .hasMessageContaining("retry later");
                IssuedTrackingNumber issued = first.get();
                store.delayNanosPerBatch = 0;
                assertThat(generator.next(request, "slow")).isEqualTo(issued);
                assertThat(store.memory.size()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aKeyedWriteFailingTransientlyOnAnAnsweringStoreIsInFlightOnADownStoreUnavailable() {
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.keys = true;
        store.reserveFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator(store, Duration.ofMillis(200))) {
            assertThatThrownBy(() -> generator.next(ValidRequests.unique(), "held"))
                    .isInstanceOf(IdempotencyKeyInFlightException.class)
                    .hasCauseInstanceOf(StoreUnavailableException.class);
            store.down = true;
            assertThatThrownBy(() -> generator.next(ValidRequests.unique(), "held"))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(store.memory.size()).isZero();
        }
    }

    @Test
    void aKeyedAmbiguousWriteIsSettledByOwnershipNeverByASecondNumber() {
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.keys = true;
        AtomicInteger faults = new AtomicInteger();
        store.reserveFaults = r -> faults.getAndIncrement() == 0 ? Fault.AMBIGUOUS_WRITTEN : Fault.NONE;
        try (TrackingNumberGenerator generator = generator(store, Duration.ofSeconds(5))) {
            ShipmentRequest request = ValidRequests.unique();
            IssuedTrackingNumber issued = generator.next(request, "ambiguous");
            assertThat(store.verifyCalls).hasValue(1);
            assertThat(generator.next(request, "ambiguous")).isEqualTo(issued);
            assertThat(store.memory.size()).isEqualTo(1);

            faults.set(0);
            store.reserveFaults = r -> faults.getAndIncrement() == 0 ? Fault.AMBIGUOUS_LOST : Fault.NONE;
            ShipmentRequest second = ValidRequests.unique();
            IssuedTrackingNumber other = generator.next(second, "lost");
            assertThat(generator.findByIdempotencyKey(second.customerId(), "lost")).contains(other);
            assertThat(store.memory.size()).isEqualTo(2);
        }
    }

    @Test
    void aKeyedCallWhoseVerifyOutlastsTheBudgetIsSettledThroughTheKey() {
        // The write committed but was reported ambiguous, and verify kept failing until the
        // budget ended: the store answers, and the key names the number, so it is the caller's.
        ScriptedFaultStore store = new ScriptedFaultStore();
        store.keys = true;
        AtomicInteger faults = new AtomicInteger();
        store.reserveFaults = r -> faults.getAndIncrement() == 0 ? Fault.AMBIGUOUS_WRITTEN : Fault.NONE;
        store.verifyFaults = r -> Fault.TRANSIENT;
        try (TrackingNumberGenerator generator = generator(store, Duration.ofMillis(200))) {
            ShipmentRequest request = ValidRequests.unique();
            IssuedTrackingNumber issued = generator.next(request, "retried");
            assertThat(store.verifyCalls.get()).isGreaterThan(1);
            assertThat(store.memory.size()).isEqualTo(1);
            assertThat(store.find(issued.trackingNumber())).contains(issued);
            store.verifyFaults = r -> Fault.NONE;
            assertThat(generator.next(request, "retried")).isEqualTo(issued);

            // Unkeyed, the same faults end in StoreUnavailableException and the number is burned.
            faults.set(0);
            assertThatThrownBy(() -> {
                store.verifyFaults = r -> Fault.TRANSIENT;
                generator.next(ValidRequests.unique());
            }).isInstanceOf(StoreUnavailableException.class);
        }
    }
}
