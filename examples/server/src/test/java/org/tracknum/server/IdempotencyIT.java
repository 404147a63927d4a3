package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same order, same number, over HTTP, against the built jar on its embedded default store: the
 * {@code Idempotency-Key} header on {@code POST /api/tracking-numbers} and on the reference's GET
 * endpoint (a replay is the first answer, byte for byte, with {@code Idempotent-Replayed: true}),
 * {@code 422} for a key reused for another request, keys scoped by customer, 16 concurrent POSTs
 * with one key, and lists with per-item keys, replayed, with repeated keys and with an item whose
 * key names another request's number (answered with the numbers issued).
 */
@Tag(ServerProcess.TAG)
class IdempotencyIT {
    static final String CREATE = Shipments.CREATE;

    @TempDir
    static Path workDir;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(workDir, Map.of());
        api = new ApiClient(server);
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            assertThat(server.terminate()).isEqualTo(143);
        } finally {
            server.close();
        }
    }

    static Map<String, String> key(String value) {
        return Map.of(IdempotencyKeyHeader.NAME, value);
    }

    /** Asserts a 201 of a list and returns its shipments. */
    static JsonNode shipments(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("shipments");
    }

    static String freshKey() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    @Test
    void aRepeatedPostWithTheKeyReplaysTheFirstAnswer() {
        Shipments shipment = Shipments.unique();
        String key = freshKey();
        ApiClient.Answer first = api.post(CREATE, shipment.json(), key(key));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(IssueEndpoints.REPLAYED)).isNull();

        ApiClient.Answer again = api.post(CREATE, shipment.json(), key(key));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).as("same number, same created_at").isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header(IssueEndpoints.REPLAYED)).isEqualTo("true");

        // The same key as a bare token, the weight as a number of equal value: the same request.
        ApiClient.Answer bare = api.post(CREATE, shipment.json(Map.of("weight", "1.2340")),
                key(key.substring(1, key.length() - 1)));
        assertThat(bare.body()).isEqualTo(first.body());
        assertThat(bare.header(IssueEndpoints.REPLAYED)).isEqualTo("true");
    }

    @Test
    void theGetEndpointReplaysToAndTheKeyIsSharedWithThePost() {
        Shipments shipment = Shipments.unique();
        String key = freshKey();
        ApiClient.Answer first = api.get(shipment.path(), key(key));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(IssueEndpoints.REPLAYED)).isNull();

        ApiClient.Answer again = api.get(shipment.path(), key(key));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header(IssueEndpoints.REPLAYED)).isEqualTo("true");

        ApiClient.Answer posted = api.post(CREATE, shipment.json(), key(key));
        assertThat(posted.body()).as("the POST of the same shipment and key").isEqualTo(first.body());
        assertThat(posted.header(IssueEndpoints.REPLAYED)).isEqualTo("true");

        JsonNode stored = api.get(first.header("Location")).json();
        assertThat(stored.get("issued_at").asText()).isEqualTo(first.json().get("created_at").asText());
    }

    @Test
    void theKeyWithAnotherRequestIs422AndStoresNothing() {
        Shipments shipment = Shipments.unique();
        String key = freshKey();
        ApiClient.Answer first = api.post(CREATE, shipment.json(), key(key));
        assertThat(first.status()).isEqualTo(201);

        for (ApiClient.Answer conflict : List.of(
                api.post(CREATE, shipment.with("weight", "2.5").json(), key(key)),
                api.get(shipment.path(), key(key)))) {
            assertThat(conflict.status()).as(conflict.toString()).isEqualTo(422);
            assertThat(conflict.json().get("code").asText()).isEqualTo("idempotency_conflict");
            assertThat(conflict.json().get("detail").asText()).contains("different request");
            assertThat(conflict.header(IssueEndpoints.REPLAYED)).isNull();
        }
        ApiClient.Answer original = api.post(CREATE, shipment.with("weight", "1.234").json(), key(key));
        assertThat(original.body()).as("the key still names the first number").isEqualTo(first.body());
    }

    @Test
    void keysAreScopedByCustomer() {
        String key = freshKey();
        ApiClient.Answer one = api.post(CREATE, Shipments.unique().json(), key(key));
        ApiClient.Answer other = api.post(CREATE, Shipments.unique().json(), key(key));
        assertThat(one.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header(IssueEndpoints.REPLAYED)).isNull();
        assertThat(other.json().get("tracking_number")).isNotEqualTo(one.json().get("tracking_number"));
    }

    @Test
    void sixteenConcurrentPostsWithOneKeyGetOneNumber() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                String body = Shipments.unique().json();
                String key = freshKey();
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<ApiClient.Answer>> calls = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
                    calls.add(() -> {
                        go.await();
                        return api.post(CREATE, body, key(key));
                    });
                }
                List<Future<ApiClient.Answer>> running = new ArrayList<>();
                calls.forEach(call -> running.add(clients.submit(call)));
                go.countDown();
                Set<String> bodies = new HashSet<>();
                int firsts = 0;
                for (Future<ApiClient.Answer> future : running) {
                    ApiClient.Answer answer = future.get(60, TimeUnit.SECONDS);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                    bodies.add(answer.body());
                    firsts += answer.header(IssueEndpoints.REPLAYED) == null ? 1 : 0;
                }
                assertThat(bodies).as("one number, one answer").hasSize(1);
                assertThat(firsts).as("answers without Idempotent-Replayed").isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aListWithPerItemKeysReplaysTheKeyedItems() {
        List<Shipments> shipments = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Shipments shipment = Shipments.unique();
            shipments.add(shipment);
            items.add(i % 3 == 2 ? shipment.json() // every third item has no key
                    : shipment.json(Map.of("idempotency_key", Shipments.quote("label-" + UUID.randomUUID()))));
        }
        String list = Shipments.list(items);
        JsonNode first = shipments(api.post(CREATE, list));
        JsonNode again = shipments(api.post(CREATE, list));
        assertThat(first).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(first.get(i).get("customer_id").asText()).isEqualTo(shipments.get(i).get("customer_id"));
            if (i % 3 == 2) {
                assertThat(again.get(i).get("tracking_number")).as("item %d has no key", i)
                        .isNotEqualTo(first.get(i).get("tracking_number"));
            } else {
                assertThat(again.get(i)).as("keyed item %d", i).isEqualTo(first.get(i));
            }
        }
    }

    @Test
    void aKeyOfAListItemIsTheSameKeyForASinglePost() {
        Shipments shipment = Shipments.unique();
        String key = "order-" + UUID.randomUUID();
        JsonNode listed = shipments(api.post(CREATE, Shipments.list(List.of(
                shipment.json(Map.of("idempotency_key", Shipments.quote(key))))))).get(0);
        ApiClient.Answer single = api.post(CREATE, shipment.json(), key(key));
        assertThat(single.header(IssueEndpoints.REPLAYED)).isEqualTo("true");
        assertThat(single.json()).isEqualTo(listed);
    }

    @Test
    void oneKeyTwiceInAListIsOneNumberForEqualRequestsAndA422ForDifferentOnes() {
        Shipments shipment = Shipments.unique();
        String key = Shipments.quote("twice-" + UUID.randomUUID());
        String item = shipment.json(Map.of("idempotency_key", key));
        JsonNode same = shipments(api.post(CREATE, Shipments.list(List.of(item, Shipments.unique().json(),
                item))));
        assertThat(same.get(2)).isEqualTo(same.get(0));

        String otherKey = Shipments.quote("twice-" + UUID.randomUUID());
        ApiClient.Answer conflict = api.post(CREATE, Shipments.list(List.of(
                shipment.json(Map.of("idempotency_key", otherKey)),
                shipment.with("weight", "9").json(Map.of("idempotency_key", otherKey)))));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(422);
        assertThat(conflict.json().get("code").asText()).isEqualTo("idempotency_conflict");
        assertThat(conflict.json().get("detail").asText()).contains("nothing was issued");
    }

    @Test
    void aListWhoseItemKeyNamesAnotherRequestIsAnsweredWithTheNumbersIssued() {
        Shipments taken = Shipments.unique();
        String key = "taken-" + UUID.randomUUID();
        ApiClient.Answer earlier = api.post(CREATE, taken.json(), key(key));
        assertThat(earlier.status()).isEqualTo(201);

        List<String> items = List.of(
                Shipments.unique().json(Map.of("idempotency_key", Shipments.quote("fresh-" + UUID.randomUUID()))),
                taken.with("weight", "3").json(Map.of("idempotency_key", Shipments.quote(key))),
                Shipments.unique().json());
        ApiClient.Answer partial = api.post(CREATE, Shipments.list(items));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(422);
        JsonNode body = partial.json();
        assertThat(body.get("code").asText()).isEqualTo("idempotency_conflict");
        assertThat(body.get("issued")).hasSize(2);
        assertThat(body.get("issued").get(0).get("index").asInt()).isZero();
        assertThat(body.get("issued").get(1).get("index").asInt()).isEqualTo(2);
        assertThat(body.get("failed")).hasSize(1);
        assertThat(body.get("failed").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(body.get("failed").get(0).get("code").asText()).isEqualTo("idempotency_conflict");
        for (JsonNode issued : body.get("issued")) {
            assertThat(api.get("/api/tracking-numbers/" + issued.get("tracking_number").asText()).status())
                    .as("an issued number is stored").isEqualTo(200);
        }
        // The keyed item issued in part gets its number again when the list is retried.
        JsonNode retried = shipments(api.post(CREATE, Shipments.list(List.of(items.get(0)))));
        assertThat(retried.get(0).get("tracking_number")).isEqualTo(body.get("issued").get(0).get("tracking_number"));
    }
}
