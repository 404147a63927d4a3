package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;
import org.tracknum.testkit.ReservationStoreContract.KeptOpen;
import org.tracknum.testkit.TestRequests;

/**
 * Idempotency keys at store level, on a real database per subclass, each test with its own table:
 * keyed reserve, KEY_HELD with the stored record, keys in one batch, per-customer scope, verify,
 * find by key, a concurrent uncommitted insert of the same key, a unique index someone else
 * added (fatal, naming it, never a collision), and a corrupt row holding a key (fatal, naming the
 * number only).
 */
abstract class IdempotencyKeyContract {
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(800);

    String table;
    JdbcReservationStore store;
    Dialect dialect;

    abstract String url();

    @BeforeEach
    void openStore() throws SQLException {
        table = TestDatabases.freshTable(getClass().getSimpleName().replace("IdempotencyTest", "") + "_key");
        store = JdbcReservationStore.builder().url(url()).table(table).lockTimeout(LOCK_TIMEOUT)
                .socketTimeout(Duration.ofSeconds(10)).build();
        try (Connection c = DriverManager.getConnection(url())) {
            dialect = Dialect.detect(c.getMetaData(), ErrorClassificationContract.timeouts(),
                    org.tracknum.Durability.STRICT);
        }
    }

    @AfterEach
    void dropTable() {
        if (store != null) {
            store.close();
        }
        TestDatabases.drop(url(), table);
    }

    static Reservation keyed(ShipmentRequest request, String key) {
        return new Reservation(UUID.randomUUID(), ErrorClassificationContract.number(), request, Instant.now(), key);
    }

    static Reservation keyed(String number, ShipmentRequest request, String key) {
        return new Reservation(UUID.randomUUID(), number, request, Instant.now(), key);
    }

    @Test
    void aKeyedReservationStoresItsKeyAndFindByKeyReturnsTheNumber() {
        ShipmentRequest request = TestRequests.unique();
        Reservation r = keyed(request, "8e03978e-40d5-43e8-bc93-6894a57f9324");

        assertThat(store.supportsIdempotencyKeys()).isTrue();
        assertThat(store.reserve(List.of(r))).containsExactly(ReservationOutcome.RESERVED);

        assertThat(store.findByIdempotencyKey(request.customerId(), r.idempotencyKey())).contains(r.toIssued());
        assertThat(store.find(r.trackingNumber())).contains(r.toIssued());
        assertThat(store.findByIdempotencyKey(request.customerId(), "8E03978E-40D5-43E8-BC93-6894A57F9324"))
                .as("keys are case-sensitive").isEmpty();
        assertThat(store.findByIdempotencyKey(UUID.randomUUID(), r.idempotencyKey())).as("scoped by customer")
                .isEmpty();
        String longest = "~".repeat(254) + "!";
        Reservation edge = keyed(request, longest);
        assertThat(store.reserve(List.of(edge))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(store.findByIdempotencyKey(request.customerId(), longest)).contains(edge.toIssued());
    }

    @Test
    void theSameKeyAgainIsKeyHeldWithTheStoredRecordAndStoresNothing() {
        ShipmentRequest request = TestRequests.unique();
        Reservation first = keyed(request, "order-1");
        assertThat(store.reserve(List.of(first))).containsExactly(ReservationOutcome.RESERVED);

        Reservation again = keyed(request, "order-1");
        Reservation otherRequest = keyed(TestRequests.unique(), "order-1"); // another customer: its own key
        ShipmentRequest changed = new ShipmentRequest(request.originCountryId(), "US", request.weightKg(),
                request.createdAt(), request.customerId(), request.customerName(), request.customerSlug());
        Reservation conflicting = keyed(changed, "order-1");

        assertThat(store.reserve(List.of(again))).containsExactly(ReservationOutcome.keyHeld(first.toIssued()));
        assertThat(store.reserve(List.of(otherRequest))).containsExactly(ReservationOutcome.RESERVED);
        assertThat(store.reserve(List.of(conflicting))).as("the store reports the key; the generator compares")
                .containsExactly(ReservationOutcome.keyHeld(first.toIssued()));
        assertThat(store.find(again.trackingNumber())).isEmpty();
        assertThat(store.find(conflicting.trackingNumber())).isEmpty();
    }

    @Test
    void aBatchWithTheSameKeyTwiceYieldsOneNumberAndKeyHeldForTheOther() {
        ShipmentRequest request = TestRequests.unique();
        Reservation plain1 = ErrorClassificationContract.reservation(ErrorClassificationContract.number(), request);
        Reservation plain2 = ErrorClassificationContract.reservation(ErrorClassificationContract.number(), request);
        Reservation a = keyed(request, "label-run-7");
        Reservation b = keyed(request, "label-run-7");
        Reservation other = keyed(request, "label-run-8");

        List<ReservationOutcome> outcomes = store.reserve(List.of(plain1, a, other, b, plain2));

        assertThat(outcomes.get(0)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(outcomes.get(2)).isEqualTo(ReservationOutcome.RESERVED);
        assertThat(outcomes.get(4)).as("many rows without a key, same customer").isEqualTo(ReservationOutcome.RESERVED);
        List<ReservationOutcome> pair = List.of(outcomes.get(1), outcomes.get(3));
        assertThat(pair).extracting(ReservationOutcome::status).containsExactlyInAnyOrder(Status.RESERVED,
                Status.KEY_HELD);
        Reservation winner = pair.get(0).status() == Status.RESERVED ? a : b;
        Reservation loser = winner == a ? b : a;
        assertThat(pair.get(winner == a ? 1 : 0).existing()).isEqualTo(winner.toIssued());
        assertThat(store.find(loser.trackingNumber())).isEmpty();
        assertThat(store.findByIdempotencyKey(request.customerId(), "label-run-7")).contains(winner.toIssued());
    }

    @Test
    void aKeyedRetryOnTheSameNumberIsKeyHeldNotTaken() {
        ShipmentRequest request = TestRequests.unique();
        Reservation first = keyed(request, "retry-1");
        assertThat(store.reserve(List.of(first))).containsExactly(ReservationOutcome.RESERVED);
        Reservation sameNumber = keyed(first.trackingNumber(), request, "retry-1");
        Reservation numberTakenKeyFree = keyed(first.trackingNumber(), request, "retry-2");

        assertThat(store.reserve(List.of(sameNumber, numberTakenKeyFree)))
                .containsExactly(ReservationOutcome.keyHeld(first.toIssued()), ReservationOutcome.TAKEN);
    }

    @Test
    void verifyAnswersKeyedReservationsLikeReserve() {
        ShipmentRequest request = TestRequests.unique();
        Reservation ours = keyed(request, "v-1");
        Reservation holder = keyed(request, "v-2");
        assertThat(store.reserve(List.of(ours, holder))).containsOnly(ReservationOutcome.RESERVED);

        Reservation keyHeldElsewhere = keyed(request, "v-2");             // never written, key names holder
        Reservation numberTakenKeyFree = keyed(ours.trackingNumber(), request, "v-3");
        Reservation absent = keyed(request, "v-4");

        assertThat(store.verify(List.of(ours, keyHeldElsewhere, numberTakenKeyFree, absent))).containsExactly(
                ReservationOutcome.RESERVED, ReservationOutcome.keyHeld(holder.toIssued()), ReservationOutcome.TAKEN,
                ReservationOutcome.TAKEN);
    }

    @Test
    void aConcurrentUncommittedInsertOfTheSameKeyIsWaitedForThenKeyHeld() throws Exception {
        ShipmentRequest request = TestRequests.unique();
        Reservation other = keyed(request, "in-flight");
        Reservation ours = keyed(request, "in-flight");
        try (Connection c = DriverManager.getConnection(url())) {
            c.setAutoCommit(false);
            insertRaw(c, other);
            CompletableFuture<List<ReservationOutcome>> waiting = CompletableFuture.supplyAsync(
                    () -> store.reserve(List.of(ours)));
            Thread.sleep(LOCK_TIMEOUT.toMillis() / 4);
            c.commit();
            List<ReservationOutcome> outcomes;
            try {
                outcomes = waiting.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // the wait may have ended just before the commit on a loaded machine: transient, then held
                assertThat(e.getCause()).isInstanceOfSatisfying(StoreFailure.class,
                        f -> assertThat(f.status()).isEqualTo(Status.TRANSIENT));
                outcomes = store.reserve(List.of(keyed(request, "in-flight")));
            }
            assertThat(outcomes).containsExactly(ReservationOutcome.keyHeld(other.toIssued()));
        }
        assertThat(store.find(ours.trackingNumber())).isEmpty();
    }

    @Test
    void aKeyHeldByAnUncommittedInsertPastTheLockTimeoutIsTransient() throws Exception {
        ShipmentRequest request = TestRequests.unique();
        Reservation other = keyed(request, "stuck");
        try (Connection c = DriverManager.getConnection(url())) {
            c.setAutoCommit(false);
            insertRaw(c, other);
            Reservation ours = keyed(request, "stuck");
            List<Status> statuses = new ArrayList<>();
            try {
                store.reserve(List.of(ours)).forEach(o -> statuses.add(o.status()));
            } catch (StoreFailure f) {
                statuses.add(f.status());
            }
            assertThat(statuses).containsExactly(Status.TRANSIENT);
            c.rollback();
            assertThat(store.reserve(List.of(ours))).as("the key is free again").containsExactly(
                    ReservationOutcome.RESERVED);
        }
    }

    /** How the store's message names a unique index someone else added (SQLite names only its columns). */
    String mentionOf(String index, String columns) {
        return "unique index " + index.toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void aUniqueIndexSomeoneElseAddedIsFatalNamingItNeverACollision() throws Exception {
        String index = table + "_dba";
        String mention = mentionOf(index, "customer_slug");
        TestDatabases.execute(url(), "CREATE UNIQUE INDEX " + index + " ON " + table + " (customer_slug)");
        store.close();
        store = JdbcReservationStore.builder().url(url()).table(table).lockTimeout(LOCK_TIMEOUT)
                .socketTimeout(Duration.ofSeconds(10)).build();
        ShipmentRequest secret = new ShipmentRequest("MY", "ID", new java.math.BigDecimal("1.5"),
                java.time.OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(),
                "Secret Customer Name", "secret-slug");
        Reservation first = ErrorClassificationContract.reservation(ErrorClassificationContract.number(), secret);
        assertThat(store.reserve(List.of(first))).containsExactly(ReservationOutcome.RESERVED);

        Reservation fine = ErrorClassificationContract.reservation(ErrorClassificationContract.number());
        Reservation clash = ErrorClassificationContract.reservation(ErrorClassificationContract.number(), secret);
        Reservation keyedClash = keyed(secret, "k-1");
        for (List<Reservation> batch : List.of(List.of(clash), List.of(fine, clash, keyedClash))) {
            List<ReservationOutcome> outcomes = store.reserve(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) == fine) {
                    assertThat(outcomes.get(i)).isEqualTo(ReservationOutcome.RESERVED);
                    continue;
                }
                ReservationOutcome o = outcomes.get(i);
                assertThat(o.status()).isEqualTo(Status.FATAL);
                assertThat(o.cause().getMessage()).contains(mention)
                        .contains("neither the number's primary key nor the idempotency key's index");
                for (Throwable t = o.cause(); t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain("Secret Customer Name")
                            .doesNotContain("secret-slug");
                }
            }
        }
        // through the generator: a refusal at once, not a retry loop until the space looks exhausted
        try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(new KeptOpen(store))
                .build()) {
            assertThatThrownBy(() -> generator.next(secret))
                    .isInstanceOf(TrackingNumberException.class)
                    .isNotInstanceOf(NumberSpaceExhaustedException.class)
                    .hasMessageContaining(mention)
                    .hasMessageNotContaining("Secret Customer Name");
        }
    }

    /**
     * A row written by something else that holds a key but is not a valid record: the lookup by
     * key and a reservation meeting that key are fatal, naming the number, never a stored value.
     */
    @Test
    void aCorruptRowHoldingAKeyIsFatalNamingTheNumberOnly() {
        UUID customer = UUID.randomUUID();
        String number = ErrorClassificationContract.number();
        TestDatabases.execute(url(), "INSERT INTO " + table + " (tracking_number, reservation_id, origin_country_id,"
                + " destination_country_id, weight_kg, created_at, customer_id, customer_name, customer_slug,"
                + " issued_at, idempotency_key) VALUES ('" + number + "', '" + UUID.randomUUID() + "', 'MY', 'ID',"
                + " 1.5, 'Plantedsecret', '" + customer + "', 'Plantedsecret', 'planted-slug', 'never', 'order-9')");
        ShipmentRequest request = new ShipmentRequest("MY", "ID", new java.math.BigDecimal("1.5"),
                java.time.OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), customer, "Someone", "someone");

        Throwable byKey = org.assertj.core.api.Assertions.catchThrowable(
                () -> store.findByIdempotencyKey(customer, "order-9"));
        ReservationOutcome reserved = store.reserve(List.of(keyed(request, "order-9"))).get(0);

        assertThat(byKey).isInstanceOfSatisfying(StoreFailure.class,
                f -> assertThat(f.status()).isEqualTo(Status.FATAL));
        assertThat(reserved.status()).isEqualTo(Status.FATAL);
        for (Throwable top : List.of(byKey, reserved.cause())) {
            assertThat(top.getMessage()).contains(number).contains("not a valid Tracknum record");
            for (Throwable t = top; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("Plantedsecret").doesNotContain("planted-slug");
            }
        }
    }

    void insertRaw(Connection c, Reservation r) throws SQLException {
        NumberTable numbers = NumberTable.named(table);
        dialect.insert(c, numbers, List.<String[]>of(NumberTable.values(r)), dialect.insertSql(numbers, 1));
    }
}
