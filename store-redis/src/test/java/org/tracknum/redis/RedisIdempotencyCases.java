package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;
import org.tracknum.testkit.ForeignRecord;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Idempotency keys at store level, run on standalone Redis and on a Cluster by the subclasses:
 * keyed reserve, verify, KEY_HELD, lookup by key, the value formats, and the crash points of the
 * claim protocol, planted as a dead caller would leave them, each settled by the next call with
 * exactly one number.
 */
abstract class RedisIdempotencyCases {
    protected String prefix;
    protected RedisReservationStore store;
    protected UnifiedJedis direct;

    /** A store on {@code prefix} with the deployment's defaults. */
    protected abstract RedisReservationStore newStore(String prefix);

    /** A plain client of the same deployment, for planting and reading raw values. */
    protected abstract UnifiedJedis newDirectClient();

    /** Removes every key under {@code prefix}. */
    protected abstract void deleteKeys(String prefix);

    @BeforeEach
    void open() {
        prefix = LocalRedis.uniquePrefix("idem");
        store = newStore(prefix);
        direct = newDirectClient();
    }

    @AfterEach
    void close() {
        try {
            store.close();
            direct.close();
        } finally {
            deleteKeys(prefix);
        }
    }

    static Reservation keyed(String number, ShipmentRequest request, String key) {
        return new Reservation(UUID.randomUUID(), number, request, Instant.now().truncatedTo(ChronoUnit.MICROS), key);
    }

    static Reservation keyed(ShipmentRequest request, String key) {
        return keyed(KeyedCaller.randomNumber(), request, key);
    }

    private ReservationOutcome reserve(Reservation reservation) {
        return store.reserve(List.of(reservation)).get(0);
    }

    private String claimKey(ShipmentRequest request, String key) {
        return IdempotencyClaim.key(prefix, request.customerId(), key);
    }

    @Test
    void theFirstReservationWithAKeyIsStoredAndFoundByItsKey() {
        ShipmentRequest request = TestRequests.demanding();
        Reservation first = keyed(request, "order-4711");
        assertThat(reserve(first)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(store.find(first.trackingNumber())).contains(first.toIssued());
        assertThat(store.findByIdempotencyKey(request.customerId(), "order-4711")).contains(first.toIssued());
        assertThat(store.findByIdempotencyKey(request.customerId(), "order-4712")).isEmpty();
        assertThat(store.findByIdempotencyKey(UUID.randomUUID(), "order-4711")).isEmpty();
        assertThat(store.supportsIdempotencyKeys()).isTrue();
    }

    @Test
    void aLaterReservationWithTheKeyIsKeyHeldWithTheStoredNumberAndStoresNothing() {
        ShipmentRequest request = TestRequests.unique();
        Reservation first = keyed(request, "retry-me");
        assertThat(reserve(first)).isEqualTo(ReservationOutcome.RESERVED);
        for (ShipmentRequest again : List.of(request, sameCustomer(TestRequests.westward(), request))) {
            Reservation later = keyed(again, "retry-me");
            assertThat(reserve(later)).isEqualTo(ReservationOutcome.keyHeld(first.toIssued()));
            assertThat(store.verify(List.of(later))).containsExactly(ReservationOutcome.keyHeld(first.toIssued()));
            assertThat(store.find(later.trackingNumber())).isEmpty();
        }
        assertThat(store.verify(List.of(first))).containsExactly(ReservationOutcome.RESERVED);
    }

    /** {@code request}'s fields with {@code owner}'s customer id: the same key of the same customer. */
    static ShipmentRequest sameCustomer(ShipmentRequest request, ShipmentRequest owner) {
        return new ShipmentRequest(request.originCountryId(), request.destinationCountryId(), request.weightKg(),
                request.createdAt(), owner.customerId(), request.customerName(), request.customerSlug());
    }

    @Test
    void keysAreScopedByCustomerAndAreUnambiguousWhateverTheirCharacters() {
        ShipmentRequest request = TestRequests.unique();
        List<String> keys = List.of("a|b", "a%7Cb", "a%7cb", "{a}", "%7Ba%7D", "a:b", "~!\"#$%&'()*+,-./", "x".repeat(255));
        Set<String> numbers = new HashSet<>();
        for (String key : keys) {
            Reservation reservation = keyed(request, key);
            assertThat(reserve(reservation)).as(key).isEqualTo(ReservationOutcome.RESERVED);
            numbers.add(reservation.trackingNumber());
            assertThat(store.findByIdempotencyKey(request.customerId(), key)).as(key).contains(reservation.toIssued());
            assertThat(claimKey(request, key)).doesNotContain("{").doesNotContain("}");
        }
        assertThat(numbers).hasSize(keys.size());
        ShipmentRequest otherCustomer = TestRequests.unique();
        Reservation other = keyed(otherCustomer, "a|b");
        assertThat(reserve(other)).isEqualTo(ReservationOutcome.RESERVED);
    }

    @Test
    void valuesAreVersionOneWithoutAKeyAndVersionTwoWithOne() {
        ShipmentRequest request = TestRequests.westward();
        Reservation plain = new Reservation(UUID.randomUUID(), KeyedCaller.randomNumber(), request, Instant.now());
        Reservation withKey = keyed(request, "label|run%7");
        assertThat(store.reserve(List.of(plain, withKey))).containsExactly(ReservationOutcome.RESERVED,
                ReservationOutcome.RESERVED);
        assertThat(direct.get(prefix + plain.trackingNumber())).startsWith("1|" + plain.reservationId() + "|");
        String value = direct.get(prefix + withKey.trackingNumber());
        assertThat(value).startsWith("2|" + withKey.reservationId() + "|" + withKey.issuedAt() + "|CA|BR|0.001|1999-12-31T20:30")
                .endsWith("-03:30|" + request.customerId() + "|obrien-son-1|" + withKey.trackingNumber()
                        + "|label%7Crun%257|O'Brien & Søn");
        assertThat(direct.get(prefix + "k:" + request.customerId() + ":label%7Crun%257")).isEqualTo(value);
    }

    @Test
    void valuesOfVersionOneStillRead() {
        String number = "MYIDK3J9QX2M7PLA";
        String v1 = "1|3f0c5e0e-6c44-4b8e-9d1a-2a8f0b6f9a11|2026-11-27T10:15:30.123456Z|MY|ID|1.250|"
                + "2018-11-20T19:29:32+08:00|9b2d4c1e-0f7a-4e55-8a3b-6d1c2e9f0a77|redbox-sdn-bhd|RedBox Sdn. Bhd.";
        direct.set(prefix + number, v1);
        IssuedTrackingNumber found = store.find(number).orElseThrow();
        assertThat(found.issuedAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30.123456Z"));
        assertThat(found.request().customerName()).isEqualTo("RedBox Sdn. Bhd.");
        assertThat(found.request().weightKg()).hasToString("1.250");
        Reservation rival = keyed(number, TestRequests.unique(), "wants-that-number");
        assertThat(reserve(rival)).isEqualTo(ReservationOutcome.TAKEN);
        assertThat(direct.get(prefix + number)).isEqualTo(v1);
    }

    @Test
    void twoReservationsWithOneKeyInOneBatchGetOneNumber() {
        ShipmentRequest request = TestRequests.unique();
        Reservation a = keyed(request, "double-click");
        Reservation b = keyed(request, "double-click");
        Reservation plain = new Reservation(UUID.randomUUID(), KeyedCaller.randomNumber(), request, Instant.now());
        assertThat(store.reserve(List.of(a, plain, b))).containsExactly(ReservationOutcome.RESERVED,
                ReservationOutcome.RESERVED, ReservationOutcome.keyHeld(a.toIssued()));
        assertThat(store.find(b.trackingNumber())).isEmpty();
    }

    @Test
    void aKeyedCandidateThatIsTakenIsTakenAndTheNextCandidateReplacesTheDeadClaim() {
        ShipmentRequest request = TestRequests.unique();
        Reservation owner = new Reservation(UUID.randomUUID(), KeyedCaller.randomNumber(), TestRequests.unique(), Instant.now());
        assertThat(reserve(owner)).isEqualTo(ReservationOutcome.RESERVED);
        Reservation first = keyed(owner.trackingNumber(), request, "k1");
        assertThat(reserve(first)).isEqualTo(ReservationOutcome.TAKEN);
        assertThat(store.verify(List.of(first))).containsExactly(ReservationOutcome.TAKEN);
        assertThat(store.findByIdempotencyKey(request.customerId(), "k1")).isEmpty();
        Reservation second = keyed(request, "k1");
        assertThat(reserve(second)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(store.findByIdempotencyKey(request.customerId(), "k1")).contains(second.toIssued());
        assertThat(store.find(owner.trackingNumber())).contains(owner.toIssued());
    }

    @Test
    void verifyOfAKeyedReservationAnswersLikeReserve() {
        ShipmentRequest request = TestRequests.unique();
        Reservation neverSent = keyed(request, "verify-me");
        assertThat(store.verify(List.of(neverSent))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(store.verify(List.of(neverSent))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(reserve(neverSent)).isEqualTo(ReservationOutcome.RESERVED);
        Reservation other = keyed(request, "verify-me");
        assertThat(store.verify(List.of(other))).containsExactly(ReservationOutcome.keyHeld(neverSent.toIssued()));
    }

    // Crash points: what a caller that died after step N leaves behind, settled by the next caller.

    @Test
    void crashAfterTheClaimBeforeTheNumberIsCompletedByTheNextCaller() {
        ShipmentRequest request = TestRequests.unique();
        Reservation dead = keyed(request, "crash-1");
        direct.set(claimKey(request, "crash-1"), StoredValue.encode(dead));
        assertThat(store.findByIdempotencyKey(request.customerId(), "crash-1")).as("pending: nothing issued yet").isEmpty();
        assertThat(store.find(dead.trackingNumber())).isEmpty();

        Reservation next = keyed(request, "crash-1");
        assertThat(reserve(next)).isEqualTo(ReservationOutcome.keyHeld(dead.toIssued()));
        assertThat(store.find(dead.trackingNumber())).contains(dead.toIssued());
        assertThat(store.find(next.trackingNumber())).isEmpty();
        assertThat(store.findByIdempotencyKey(request.customerId(), "crash-1")).contains(dead.toIssued());
        assertThat(store.verify(List.of(dead))).as("the dead caller's retry owns it").containsExactly(ReservationOutcome.RESERVED);
    }

    @Test
    void aPendingClaimIsCompletedWithItsOwnRequestEvenForADifferentRequest() {
        ShipmentRequest request = TestRequests.unique();
        Reservation dead = keyed(request, "crash-1b");
        direct.set(claimKey(request, "crash-1b"), StoredValue.encode(dead));
        Reservation different = keyed(sameCustomer(TestRequests.westward(), request), "crash-1b");
        ReservationOutcome outcome = reserve(different);
        assertThat(outcome.status()).isEqualTo(Status.KEY_HELD);
        assertThat(outcome.existing()).isEqualTo(dead.toIssued());
        assertThat(store.find(dead.trackingNumber())).contains(dead.toIssued());
        assertThat(store.find(different.trackingNumber())).isEmpty();
    }

    @Test
    void crashAfterClaimAndNumberIsKeyHeld() {
        ShipmentRequest request = TestRequests.unique();
        Reservation dead = keyed(request, "crash-2");
        assertThat(reserve(dead)).isEqualTo(ReservationOutcome.RESERVED);
        Reservation next = keyed(request, "crash-2");
        assertThat(reserve(next)).isEqualTo(ReservationOutcome.keyHeld(dead.toIssued()));
        assertThat(store.find(next.trackingNumber())).isEmpty();
    }

    @Test
    void aClaimWhoseNumberWasTakenByAnotherTokenIsReplacedByTheNextCaller() {
        ShipmentRequest request = TestRequests.unique();
        Reservation dead = keyed(request, "crash-3");
        direct.set(claimKey(request, "crash-3"), StoredValue.encode(dead));
        Reservation thief = new Reservation(UUID.randomUUID(), dead.trackingNumber(), TestRequests.unique(), Instant.now());
        assertThat(reserve(thief)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(store.findByIdempotencyKey(request.customerId(), "crash-3")).as("dead claim").isEmpty();

        Reservation next = keyed(request, "crash-3");
        assertThat(reserve(next)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(direct.get(claimKey(request, "crash-3"))).isEqualTo(StoredValue.encode(next));
        assertThat(store.findByIdempotencyKey(request.customerId(), "crash-3")).contains(next.toIssued());
        assertThat(store.find(dead.trackingNumber())).contains(thief.toIssued());
        assertThat(store.verify(List.of(dead))).as("the dead caller's retry").containsExactly(ReservationOutcome.keyHeld(next.toIssued()));
        Reservation third = keyed(request, "crash-3");
        assertThat(reserve(third)).isEqualTo(ReservationOutcome.keyHeld(next.toIssued()));
    }

    @Test
    void aClaimThatIsNotATracknumClaimIsFatalWithoutEchoingIt() {
        ShipmentRequest request = TestRequests.unique();
        direct.set(claimKey(request, "foreign"), "Secret Customer|whatever");
        ReservationOutcome outcome = reserve(keyed(request, "foreign"));
        assertThat(outcome.status()).isEqualTo(Status.FATAL);
        assertThat(outcome.cause()).hasMessageContaining("unreadable").hasMessageNotContaining("Secret");
        assertThatThrownBy(() -> store.findByIdempotencyKey(request.customerId(), "foreign"))
                .isInstanceOf(StoreFailure.class).hasMessageNotContaining("Secret");
    }

    @Test
    void aHugeOrBinaryClaimIsReportedWithoutReadingItWholeOrEchoingIt() {
        ShipmentRequest request = TestRequests.unique();
        String huge = "2|" + UUID.randomUUID() + "|" + ForeignRecord.hugeName();
        direct.set(claimKey(request, "huge"), huge);
        assertThatThrownBy(() -> store.findByIdempotencyKey(request.customerId(), "huge"))
                .isInstanceOfSatisfying(StoreFailure.class, e -> assertThat(e.status()).isEqualTo(Status.FATAL))
                .hasMessageContaining("unreadable").hasMessageContaining("longer than " + StoredValue.MAX_VALUE_BYTES)
                .hasMessageNotContaining("Mallory").hasMessageNotContaining("xxxxxxxx");
        direct.set(SafeEncoder.encode(claimKey(request, "binary")), new byte[] {'2', '|', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> store.findByIdempotencyKey(request.customerId(), "binary"))
                .isInstanceOf(StoreFailure.class).hasMessageContaining("not UTF-8");
        direct.set(claimKey(request, "empty"), "");
        assertThatThrownBy(() -> store.findByIdempotencyKey(request.customerId(), "empty"))
                .isInstanceOf(StoreFailure.class).hasMessageContaining("unreadable");
    }

    @Test
    void aClaimWhoseNumberHoldsForeignBytesIsDeadAndReplacedByTheNextCaller() {
        ShipmentRequest request = TestRequests.unique();
        Reservation dead = keyed(request, "foreign-number");
        direct.set(claimKey(request, "foreign-number"), StoredValue.encode(dead));
        direct.set(SafeEncoder.encode(prefix + dead.trackingNumber()), new byte[] {(byte) 0xFF, '|', (byte) 0xFE});
        assertThat(store.findByIdempotencyKey(request.customerId(), "foreign-number")).as("dead claim").isEmpty();
        Reservation next = keyed(request, "foreign-number");
        assertThat(reserve(next)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(store.findByIdempotencyKey(request.customerId(), "foreign-number")).contains(next.toIssued());
        assertThat(direct.get(SafeEncoder.encode(prefix + dead.trackingNumber())))
                .as("the foreign value is left alone").containsExactly((byte) 0xFF, '|', (byte) 0xFE);
    }

    /** A version-2 value of {@code number} with the given weight and name, as a corruption could leave it. */
    private static String versionTwo(String number, String weight, String name) {
        return "2|" + UUID.randomUUID() + "|2018-11-20T11:29:32Z|MY|GB|" + weight + "|2018-11-20T19:29:32+08:00|"
                + UUID.randomUUID() + "|" + ForeignRecord.SECRET_SLUG + "|" + number + "|some-key|" + name;
    }

    @Test
    void damagedVersionTwoValuesAreNotValidRecordsAndNameOnlyTheNumber() {
        String number = KeyedCaller.randomNumber();
        String whole = versionTwo(number, "1.500", ForeignRecord.SECRET_NAME);
        List<String> damaged = List.of(
                versionTwo(number, ForeignRecord.HUGE_WEIGHT_TEXT, ForeignRecord.SECRET_NAME),
                versionTwo(number, "1.500", ForeignRecord.hugeName()),
                versionTwo("OTHER" + number.substring(5), "1.500", ForeignRecord.SECRET_NAME),
                whole.substring(0, whole.indexOf("|some-key|")),
                "2|||||||||||");
        for (String value : damaged) {
            direct.set(prefix + number, value);
            assertThatThrownBy(() -> store.find(number)).as(value.length() > 200 ? "huge name" : value)
                    .isInstanceOfSatisfying(StoreFailure.class, e -> assertThat(e.status()).isEqualTo(Status.FATAL))
                    .hasMessageContaining(number).hasMessageContaining("not a valid Tracknum record of version 1 or 2")
                    .hasMessageNotContaining("Mallory").hasMessageNotContaining(ForeignRecord.SECRET_SLUG)
                    .hasMessageNotContaining("999999999").hasMessageNotContaining("some-key");
        }
    }

    @Test
    void sixteenThreadsWithOneKeyGetOneNumber() throws Exception {
        int threads = 16;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                ShipmentRequest request = TestRequests.unique();
                String key = "race-" + round;
                KeyedCaller caller = new KeyedCaller(store, Duration.ofSeconds(10));
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Callable<IssuedTrackingNumber>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    tasks.add(() -> {
                        start.await();
                        return caller.issue(request, key);
                    });
                }
                Set<IssuedTrackingNumber> results = new HashSet<>();
                for (Future<IssuedTrackingNumber> result : pool.invokeAll(tasks)) {
                    results.add(result.get());
                }
                assertThat(results).as("round %d", round).hasSize(1);
                IssuedTrackingNumber issued = results.iterator().next();
                assertThat(store.findByIdempotencyKey(request.customerId(), key)).contains(issued);
                for (String number : caller.tried()) {
                    assertThat(store.find(number).isPresent()).as("candidate %s", number)
                            .isEqualTo(number.equals(issued.trackingNumber()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
