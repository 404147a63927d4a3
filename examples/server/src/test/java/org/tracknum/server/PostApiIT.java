package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/tracking-numbers} end to end against the built jar on its embedded default
 * store: one shipment (weight as a string or a number), lists in order up to the limit, every
 * validation error of fields, JSON, media types, sizes and the {@code Idempotency-Key} header, each
 * a JSON answer of the documented shape. At the end the database holds exactly the numbers that
 * were answered: no refused request stored anything.
 */
@Tag(ServerProcess.TAG)
class PostApiIT {
    static final String CREATE = Shipments.CREATE;

    @TempDir
    static Path workDir;
    static ServerProcess server;
    static ApiClient api;
    /** Every number answered with 201, single or in a list. */
    static final Set<String> issued = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(workDir, Map.of());
        api = new ApiClient(server);
    }

    @AfterAll
    static void stopServerAndCountRows() throws Exception {
        try {
            assertThat(server.terminate()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(H2Rows.count(workDir)).as("rows in the database vs numbers answered").isEqualTo(issued.size());
        } finally {
            server.close();
        }
    }

    /** Asserts a 201 and remembers its numbers. */
    static JsonNode created(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode body = answer.json();
        if (body.has("shipments")) {
            body.get("shipments").forEach(item -> issued.add(item.get("tracking_number").asText()));
        } else {
            issued.add(body.get("tracking_number").asText());
        }
        return body;
    }

    static JsonNode badRequest(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        return answer.json();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void issuesOneShipmentLikeTheGetEndpointWithTheWeightAsAString() {
        ApiClient.Answer answer = api.post(CREATE, Shipments.reference().json());
        JsonNode body = created(answer);
        assertThat(fieldNames(body)).containsExactly("tracking_number", "customer_id", "origin_country_id",
                "destination_country_id", "created_at");
        String number = body.get("tracking_number").asText();
        assertThat(number).matches("^MYID[A-Z0-9]{12}$");
        assertThat(answer.header("Location")).isEqualTo("/api/tracking-numbers/" + number);
        assertThat(answer.header(IssueEndpoints.REPLAYED)).as("no key, no replay").isNull();

        JsonNode stored = api.get(answer.header("Location")).json();
        assertThat(stored.get("weight").asText()).isEqualTo("1.234");
        assertThat(stored.get("customer_name").asText()).isEqualTo("RedBox Logistics");
        assertThat(stored.get("created_at").asText()).isEqualTo("2018-11-20T19:29:32+08:00");
        assertThat(stored.get("issued_at").asText()).isEqualTo(body.get("created_at").asText());
    }

    @ParameterizedTest
    @CsvSource({"1.5,1.500", "2,2.000", "0.001,0.001", "1.2340,1.234", "99999.999,99999.999"})
    void takesTheWeightAsAJsonNumber(String weight, String stored) {
        ApiClient.Answer answer = api.post(CREATE, Shipments.unique().json(Map.of("weight", weight)));
        created(answer);
        assertThat(api.get(answer.header("Location")).json().get("weight").asText()).isEqualTo(stored);
        created(api.post("/api/tracking-numbers/", Shipments.unique().json(Map.of("weight", weight))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "1E3", "-1", "0", "0.0", "1.2345", "100000", "-0.5", "1000000000000000000000"})
    void appliesTheDecimalRulesToTheTextOfANumber(String weight) {
        JsonNode body = badRequest(api.post(CREATE, Shipments.unique().json(Map.of("weight", weight))));
        assertThat(fieldNames(body.get("errors"))).containsExactly("weight");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "origin_country_id|M1", "origin_country_id|ZZ", "destination_country_id|I", "weight|abc", "weight|+1",
        "weight|''", "created_at|2018-11-20", "created_at|2018-11-20T19:29:32", "customer_id|not-a-uuid",
        "customer_name|''", "customer_name|'   '", "customer_slug|red_box", "customer_slug|''"
    })
    void namesTheOneBadField(String field, String value) {
        JsonNode errors = badRequest(api.post(CREATE, Shipments.unique().with(field, value).json())).get("errors");
        assertThat(fieldNames(errors)).containsExactly(field);
        assertThat(errors.get(field).get(0).asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin_country_id", "destination_country_id", "weight", "created_at", "customer_id",
        "customer_name", "customer_slug"})
    void namesAMissingField(String field) {
        JsonNode errors = badRequest(api.post(CREATE, Shipments.unique().without(field).json())).get("errors");
        assertThat(fieldNames(errors)).containsExactly(field);
        assertThat(errors.get(field).get(0).asText()).isEqualTo("is required");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "origin_country_id|12|not a number", "destination_country_id|null|not null",
        "created_at|true|not a boolean", "customer_id|[\"x\"]|not an array", "customer_name|{\"a\":1}|not an object",
        "customer_slug|1|not a number", "weight|null|not null", "weight|[1]|not an array", "weight|false|not a boolean"
    })
    void namesWrongJsonTypes(String field, String raw, String what) {
        JsonNode errors = badRequest(api.post(CREATE, Shipments.unique().json(Map.of(field, raw)))).get("errors");
        assertThat(fieldNames(errors)).containsExactly(field);
        assertThat(errors.get(field).get(0).asText()).startsWith("must be a JSON string").endsWith(what);
    }

    @Test
    void reportsEveryBadFieldAtOnceInApiOrderWithUnknownAndRepeatedMembers() {
        String json = "{\"colour\":\"red\",\"customer_slug\":\"Bad_Slug\",\"customer_name\":\"\",\"customer_id\":\"1\","
                + "\"created_at\":\"now\",\"weight\":-5,\"weight\":1,\"destination_country_id\":1,"
                + "\"origin_country_id\":\"ABC\"}";
        JsonNode errors = badRequest(api.post(CREATE, json)).get("errors");
        assertThat(fieldNames(errors)).containsExactly("origin_country_id", "destination_country_id", "weight",
                "created_at", "customer_id", "customer_name", "customer_slug", "colour");
        assertThat(errors.get("weight").get(0).asText()).isEqualTo("must be given only once");
        assertThat(errors.get("colour").get(0).asText()).isEqualTo("is not a field of a shipment");
        assertThat(fieldNames(badRequest(api.post(CREATE, "{}")).get("errors"))).hasSize(7);
    }

    @Test
    void aSingleShipmentTakesItsKeyFromTheHeaderNotTheBody() {
        JsonNode errors = badRequest(api.post(CREATE, Shipments.unique().json(Map.of("idempotency_key",
                "\"order-1\"")))).get("errors");
        assertThat(fieldNames(errors)).containsExactly("idempotency_key");
        assertThat(errors.get("idempotency_key").get(0).asText()).contains("Idempotency-Key header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "[{}]", "\"shipment\"", "null", "{\"weight\":}", "{} {}", "{\"a\":01}",
        "{\"a\":NaN}", "{'a':1}", "{\"a\":1,}"})
    void answersBodiesThatAreNotOneJsonObjectWithInvalidJson(String body) {
        JsonNode answer = badRequest(api.post(CREATE, body));
        assertThat(answer.get("code").asText()).isEqualTo("invalid_json");
        assertThat(answer.get("detail").asText()).startsWith("The request body");
    }

    @Test
    void locatesTheSyntaxError() {
        JsonNode answer = badRequest(api.post(CREATE, "{\n  \"weight\": \"1\",\n  \"x\" 1\n}"));
        assertThat(answer.get("detail").asText()).contains("line 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/jsonx", "application/x-www-form-urlencoded",
        "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x"})
    void refusesOtherMediaTypesWith415(String type) {
        ApiClient.Answer answer = api.post(CREATE, Shipments.unique().json(), Map.of("Content-Type", type));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
        assertThat(answer.json().get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\"", "application/json; profile=x"})
    void acceptsJsonInUtf8(String type) {
        created(api.post(CREATE, Shipments.unique().json(), Map.of("Content-Type", type)));
    }

    @Test
    void refusesABodyWithoutContentTypeAndAnEmptyOne() throws Exception {
        String json = Shipments.unique().json();
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange("POST " + CREATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + json.length() + "\r\n\r\n" + json, true)).isEqualTo(415);
            assertThat(connection.exchange("POST " + CREATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + "\r\n", true)).isEqualTo(400);
            assertThat(ApiClient.JSON.readTree(connection.lastBody()).get("code").asText()).isEqualTo("invalid_json");
        }
    }

    @Test
    void issuesAListInInputOrder() {
        List<Shipments> shipments = List.of(Shipments.unique(), Shipments.unique().with("origin_country_id", "GB"),
                Shipments.unique().with("destination_country_id", "us"), Shipments.unique());
        List<String> items = new ArrayList<>();
        shipments.forEach(s -> items.add(s.json()));
        ApiClient.Answer answer = api.post(CREATE, Shipments.list(items));
        JsonNode list = created(answer).get("shipments");
        assertThat(answer.header("Location")).as("a list has no one Location").isNull();
        assertThat(list).hasSize(4);
        for (int i = 0; i < shipments.size(); i++) {
            JsonNode item = list.get(i);
            assertThat(item.get("customer_id").asText()).isEqualTo(shipments.get(i).get("customer_id"));
            assertThat(fieldNames(item)).containsExactly("tracking_number", "customer_id", "origin_country_id",
                    "destination_country_id", "created_at");
            JsonNode stored = api.get("/api/tracking-numbers/" + item.get("tracking_number").asText()).json();
            assertThat(stored.get("customer_id").asText()).isEqualTo(shipments.get(i).get("customer_id"));
        }
        assertThat(list.get(1).get("tracking_number").asText()).startsWith("GBID");
        assertThat(list.get(2).get("tracking_number").asText()).startsWith("MYUS");
    }

    @Test
    void issuesTheLimitOfTenThousandInOneRequestAndRefusesOneMoreWith413() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            items.add(Shipments.unique().json(Map.of("weight", String.valueOf(1 + i % 50))));
        }
        String body = Shipments.list(items);
        System.out.printf("a list of 10,000 shipments: %,d bytes%n", body.length());
        long start = System.nanoTime();
        JsonNode list = created(api.post(CREATE, body)).get("shipments");
        System.out.printf("issued in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(list).hasSize(10_000);
        Set<String> numbers = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(list.get(i).get("customer_id").asText()).isEqualTo(customerOf(items.get(i)));
            numbers.add(list.get(i).get("tracking_number").asText());
        }
        assertThat(numbers).hasSize(10_000);

        items.add(Shipments.unique().json());
        ApiClient.Answer tooMany = api.post(CREATE, Shipments.list(items));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(413);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("too_many_shipments");
        assertThat(tooMany.json().get("detail").asText()).contains("10000");
    }

    @Test
    void fourListsOfTenThousandAtOnceFitTheServersHeap() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<JsonNode>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    items.add(Shipments.unique().json(Map.of("idempotency_key", Shipments.quote(UUID.randomUUID()
                            .toString()))));
                }
                String body = Shipments.list(items);
                running.add(clients.submit(() -> created(api.post(CREATE, body))));
            }
            for (java.util.concurrent.Future<JsonNode> list : running) {
                assertThat(list.get(120, java.util.concurrent.TimeUnit.SECONDS).get("shipments")).hasSize(10_000);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
    }

    private static String customerOf(String itemJson) {
        try {
            return ApiClient.JSON.readTree(itemJson).get("customer_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void namesBadItemsByIndexAndStoresNone() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(Shipments.unique().json());
        }
        items.set(7, Shipments.unique().json(Map.of("weight", "-1")));
        items.set(3, "17");
        items.set(5, Shipments.unique().with("customer_slug", "Bad").json(Map.of("idempotency_key", "\"a b\"",
                "extra", "true")));
        items.set(9, Shipments.unique().without("created_at").json());
        JsonNode errors = badRequest(api.post(CREATE, Shipments.list(items))).get("errors");
        assertThat(fieldNames(errors)).containsExactly("shipments[3]", "shipments[5].customer_slug",
                "shipments[5].extra", "shipments[7].weight", "shipments[9].created_at");
        assertThat(errors.get("shipments[3]").get(0).asText()).isEqualTo("must be a JSON object with the fields of a shipment");
        assertThat(errors.get("shipments[9].created_at").get(0).asText()).isEqualTo("is required");
        // Valid fields, a malformed key: named by index too (the keys are checked once the fields are valid).
        List<String> keyed = new ArrayList<>(List.of(Shipments.unique().json(), Shipments.unique().json(Map.of(
                "idempotency_key", Shipments.quote("x".repeat(256)))), Shipments.unique().json(Map.of("idempotency_key",
                "\"with space\""))));
        JsonNode keyErrors = badRequest(api.post(CREATE, Shipments.list(keyed))).get("errors");
        assertThat(fieldNames(keyErrors)).containsExactly("shipments[1].idempotency_key", "shipments[2].idempotency_key");
        assertThat(keyErrors.get("shipments[1].idempotency_key").get(0).asText()).contains("1 to 255 visible ASCII");
    }

    @Test
    void refusesAListThatIsEmptyOrNotAListOrHasOtherMembers() {
        assertThat(fieldNames(badRequest(api.post(CREATE, "{\"shipments\":[]}")).get("errors")))
                .containsExactly("shipments");
        assertThat(fieldNames(badRequest(api.post(CREATE, "{\"shipments\":{}}")).get("errors")))
                .containsExactly("shipments");
        JsonNode errors = badRequest(api.post(CREATE, "{\"shipments\":[" + Shipments.unique().json()
                + "],\"customer_id\":\"" + UUID.randomUUID() + "\"}")).get("errors");
        assertThat(fieldNames(errors)).containsExactly("customer_id");
        assertThat(errors.get("customer_id").get(0).asText()).contains("not a member of a list of shipments");
    }

    @Test
    void refusesTheHeaderOnAListPointingToPerItemKeys() {
        String list = Shipments.list(List.of(Shipments.unique().json(), Shipments.unique().json()));
        JsonNode errors = badRequest(api.post(CREATE, list, Map.of("Idempotency-Key", "\"run-1\""))).get("errors");
        assertThat(fieldNames(errors)).containsExactly("Idempotency-Key");
        assertThat(errors.get("Idempotency-Key").get(0).asText()).contains("idempotency_key").contains("each shipment");
        // With bad items as well: every problem at once, the header first.
        String bad = Shipments.list(List.of(Shipments.unique().with("weight", "x").json()));
        assertThat(fieldNames(badRequest(api.post(CREATE, bad, Map.of("Idempotency-Key", "k"))).get("errors")))
                .containsExactly("Idempotency-Key", "shipments[0].weight");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unterminated", "\"a\"b", "\"a\";p=1", "\"bad\\escape\"", "a,b", "a b", "(x)",
        "\"with space\"", "\"\""})
    void refusesMalformedKeysNamingTheHeaderOnBothIssueEndpoints(String value) {
        JsonNode post = badRequest(api.post(CREATE, Shipments.unique().json(), Map.of("Idempotency-Key", value)))
                .get("errors");
        assertThat(fieldNames(post)).containsExactly("Idempotency-Key");
        JsonNode get = badRequest(api.get(Shipments.unique().path(), Map.of("Idempotency-Key", value))).get("errors");
        assertThat(fieldNames(get)).containsExactly("Idempotency-Key");
    }

    @Test
    void refusesAKeyOutsideTheRuleAndTheHeaderGivenTwice() throws Exception {
        JsonNode errors = badRequest(api.post(CREATE, Shipments.unique().json(), Map.of("Idempotency-Key",
                "k".repeat(256)))).get("errors");
        assertThat(errors.get("Idempotency-Key").get(0).asText()).contains("1 to 255 visible ASCII");
        JsonNode both = badRequest(api.post(CREATE, Shipments.unique().with("weight", "0").json(),
                Map.of("Idempotency-Key", "\"open"))).get("errors");
        assertThat(fieldNames(both)).as("field and header at once").containsExactly("weight", "Idempotency-Key");
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange("GET " + Shipments.unique().path() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Idempotency-Key: \"a\"\r\nIdempotency-Key: \"a\"\r\n\r\n")).isEqualTo(400);
            assertThat(connection.lastBody()).contains("Idempotency-Key").contains("only once");
        }
    }

    @Test
    void refusesABodyAboveTheCapWith413WhetherDeclaredOrChunked() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange("POST " + CREATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + (9 << 20) + "\r\n\r\n{", true)).isEqualTo(413);
            assertThat(ApiClient.JSON.readTree(connection.lastBody()).get("code").asText()).isEqualTo("payload_too_large");
        }
        HostileClientsIT.Response chunked = BodyBoundsIT.sendChunkedUntilAnswered(server.port(), CREATE, 64 << 10);
        assertThat(chunked.status()).isEqualTo(413);
        OpenApiContract.get().check("POST", CREATE, chunked.status(), chunked.contentType(), chunked.body());
    }

    @Test
    void answersOtherMethodsWithAllowPost() {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            ApiClient.Answer answer = api.send(method, CREATE);
            assertThat(answer.status()).as(method).isEqualTo(405);
            assertThat(answer.header("Allow")).isEqualTo("POST");
        }
        assertThat(api.send("HEAD", CREATE).status()).isEqualTo(405);
    }
}
