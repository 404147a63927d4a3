package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end against the built jar on its embedded default store: every endpoint and status, the
 * reference README's own requests, and bad input for every field. At the end the database holds
 * exactly the numbers that were answered with 201: nothing else (400, HEAD, POST) created one.
 */
@Tag(ServerProcess.TAG)
class ServerApiIT {
    private static final List<String> FIELDS = List.of("origin_country_id", "destination_country_id", "weight",
            "created_at", "customer_id", "customer_name", "customer_slug");

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
    static void stopServerAndCountRows() throws Exception {
        try {
            int exit = server.terminate();
            assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(server.output()).anyMatch(line -> line.contains("store closed"));
            assertThat(H2Rows.count(workDir)).as("rows in the database vs 201 answers").isEqualTo(api.created());
        } finally {
            server.close();
        }
    }

    @Test
    void issuesANumberForTheReferenceRequest() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Answer answer = api.get(Shipments.reference().path());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(fieldNames(body)).containsExactly("tracking_number", "customer_id", "origin_country_id",
                "destination_country_id", "created_at");
        String number = body.get("tracking_number").asText();
        assertThat(number).matches("^MYID[A-Z0-9]{12}$");
        assertThat(body.get("customer_id").asText()).isEqualTo("de619854-b59b-425e-9db4-943979e1bd49");
        assertThat(body.get("origin_country_id").asText()).isEqualTo("MY");
        assertThat(body.get("destination_country_id").asText()).isEqualTo("ID");
        assertThat(Instant.parse(body.get("created_at").asText())).as("issue time").isAfterOrEqualTo(before);
        assertThat(answer.header("Location")).isEqualTo("/api/tracking-numbers/" + number);
    }

    @Test
    void looksUpAnIssuedNumberWithEveryFieldAsGiven() {
        JsonNode issued = api.get(Shipments.reference().path()).json();
        String number = issued.get("tracking_number").asText();

        ApiClient.Answer answer = api.get("/api/tracking-numbers/" + number);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode stored = answer.json();
        assertThat(stored.get("tracking_number").asText()).isEqualTo(number);
        assertThat(stored.get("issued_at").asText()).isEqualTo(issued.get("created_at").asText());
        assertThat(stored.get("origin_country_id").asText()).isEqualTo("MY");
        assertThat(stored.get("destination_country_id").asText()).isEqualTo("ID");
        assertThat(stored.get("weight").asText()).isEqualTo("1.234");
        assertThat(stored.get("created_at").asText()).isEqualTo("2018-11-20T19:29:32+08:00");
        assertThat(stored.get("customer_id").asText()).isEqualTo("de619854-b59b-425e-9db4-943979e1bd49");
        assertThat(stored.get("customer_name").asText()).isEqualTo("RedBox Logistics");
        assertThat(stored.get("customer_slug").asText()).isEqualTo("redbox-logistics");
    }

    @Test
    void trailingSlashesAreOptional() {
        String query = Shipments.reference().path().substring(Shipments.ISSUE.length());
        ApiClient.Answer issued = api.get("/api/next-tracking-number" + query);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);

        ApiClient.Answer found = api.get(issued.header("Location") + "/");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
    }

    @Test
    void acceptsAnUnencodedPlusInCreatedAt() {
        String path = Shipments.reference().without("created_at").path() + "&created_at=2018-11-20T19:29:32+08:00";
        ApiClient.Answer issued = api.get(path);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);

        JsonNode stored = api.get(issued.header("Location")).json();
        assertThat(stored.get("created_at").asText()).isEqualTo("2018-11-20T19:29:32+08:00");
    }

    @Test
    void answersTheReferenceReadmeRequestsWithTheFieldsTheyGetWrong() {
        // Its first example: a slug with an underscore and a truncated offset (+08:0), unencoded.
        ApiClient.Answer first = api.get("/api/next-tracking-number/?customer_id=ab619854-b59b-425e-9db4-943979e1bd49"
                + "&origin_country_id=IN&destination_country_id=US&weight=1&customer_name=xx"
                + "&customer_slug=veera_veera&created_at=2018-11-20T19:29:32+08:0");
        assertThat(first.status()).isEqualTo(400);
        assertThat(fieldNames(first.json().get("errors"))).containsExactly("created_at", "customer_slug");

        // Its second example has no created_at at all.
        ApiClient.Answer second = api.get("/api/next-tracking-number/?customer_id=ab619854-b59b-425e-9db4-943979e1bd49"
                + "&origin_country_id=IN&destination_country_id=US&weight=3&customer_name=xx&customer_slug=x-x");
        assertThat(second.status()).isEqualTo(400);
        assertThat(fieldNames(second.json().get("errors"))).containsExactly("created_at");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "origin_country_id|M1", "origin_country_id|MYS", "origin_country_id|''", "origin_country_id|ZZ",
        "destination_country_id|1D", "destination_country_id|I",
        "weight|-1", "weight|0", "weight|1.2345", "weight|1e3", "weight|abc", "weight|100000", "weight|''",
        "weight|+1", "weight|1,5",
        "created_at|2018-11-20", "created_at|yesterday", "created_at|2018-11-20T19:29:32",
        "created_at|2018-13-20T19:29:32+08:00",
        "customer_id|not-a-uuid", "customer_id|de619854b59b425e9db4943979e1bd49", "customer_id|''",
        "customer_name|''", "customer_name|'   '",
        "customer_slug|RedBox", "customer_slug|red_box", "customer_slug|-red", "customer_slug|''"
    })
    void namesTheOneBadField(String field, String value) {
        ApiClient.Answer answer = api.get(Shipments.unique().with(field, value).path());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        JsonNode errors = answer.json().get("errors");
        assertThat(fieldNames(errors)).containsExactly(field);
        assertThat(errors.get(field).isArray()).isTrue();
        assertThat(errors.get(field).get(0).asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin_country_id", "destination_country_id", "weight", "created_at", "customer_id",
        "customer_name", "customer_slug"})
    void namesAMissingField(String field) {
        ApiClient.Answer answer = api.get(Shipments.unique().without(field).path());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fieldNames(answer.json().get("errors"))).containsExactly(field);
    }

    @Test
    void reportsEveryBadFieldAtOnceInApiOrder() {
        String path = Shipments.ISSUE + "?customer_slug=Bad_Slug&customer_name=&customer_id=123&created_at=now"
                + "&weight=-5&destination_country_id=1&origin_country_id=ABC";
        ApiClient.Answer answer = api.get(path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fieldNames(answer.json().get("errors"))).containsExactlyElementsOf(FIELDS);
        assertThat(fieldNames(api.get(Shipments.ISSUE).json().get("errors"))).containsExactlyElementsOf(FIELDS);
    }

    @Test
    void refusesAParameterGivenTwice() {
        ApiClient.Answer answer = api.get(Shipments.unique().path() + "&weight=1.234");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode errors = answer.json().get("errors");
        assertThat(fieldNames(errors)).containsExactly("weight");
        assertThat(errors.get("weight").get(0).asText()).contains("only once");

        ApiClient.Answer twoProblems = api.get(Shipments.unique().with("customer_slug", "Bad").path()
                + "&origin_country_id=MY");
        assertThat(fieldNames(twoProblems.json().get("errors"))).containsExactly("origin_country_id", "customer_slug");
    }

    @Test
    void ignoresUnknownParametersEvenTwice() {
        ApiClient.Answer answer = api.get(Shipments.unique().path() + "&utm_source=x&utm_source=y&flag");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer_name", "customer_slug", "weight", "created_at", "origin_country_id"})
    void answersATenThousandCharacterParameterWithJson(String field) {
        ApiClient.Answer answer = api.get(Shipments.unique().with(field, "x".repeat(10_000)).path());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fieldNames(answer.json().get("errors"))).containsExactly(field);
        assertThat(answer.body().length()).isLessThan(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%E2%82", "%C3%28", "%FF", "%ED%A0%80"})
    void refusesPercentEncodingThatIsNotUtf8(String rawName) {
        ApiClient.Answer answer = api.get(Shipments.unique().without("customer_name").path()
                + "&customer_name=" + rawName);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fieldNames(answer.json().get("errors"))).containsExactly("customer_name");
    }

    /**
     * A broken escape in the query, sent raw: a 400 (in JSON, naming the field; see docs/server.md
     * and HttpErrorsIT for what the HTTP layer itself refuses).
     */
    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%4"})
    void refusesBrokenEscapesBeforeTheApi(String rawName) throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            int status = connection.exchange("GET " + Shipments.unique().path().replace("RedBox+Logistics", rawName)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
            assertThat(status).isEqualTo(400);
        }
    }

    @Test
    void keepsNonAsciiNamesIntact() {
        String name = "Zoë 山田 \uD83D\uDCE6 Lojística";
        ApiClient.Answer issued = api.get(Shipments.unique().with("customer_name", name).path());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);

        JsonNode stored = api.get(issued.header("Location")).json();
        assertThat(stored.get("customer_name").asText()).isEqualTo(name);
    }

    @Test
    void headCreatesNothing() {
        ApiClient.Answer answer = api.send("HEAD", Shipments.unique().path());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET");
        assertThat(answer.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void refusesOtherMethodsWithAllow(String method) {
        ApiClient.Answer issue = api.send(method, Shipments.unique().path());
        assertThat(issue.status()).isEqualTo(405);
        assertThat(issue.header("Allow")).isEqualTo("GET");
        assertThat(issue.json().get("detail").asText()).contains(method);

        ApiClient.Answer lookUp = api.send(method, "/api/tracking-numbers/MYID000000000000");
        assertThat(lookUp.status()).isEqualTo(405);
        assertThat(lookUp.header("Allow")).isEqualTo("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/", "/api/next-tracking-number/extra", "/api/tracking-numbers/MY/ID", "/favicon.ico", "/health/x",
        "/api/tracking-numbers/MYID000000000000", "/api/tracking-numbers/myid000000000000",
        "/api/tracking-numbers/MYID0000000000000000"})
    void answersUnknownPathsAndNumbersWith404(String path) {
        ApiClient.Answer answer = api.get(path);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Not found.");
    }

    @Test
    void answersHeadOnALookupWithoutABody() {
        String location = api.get(Shipments.unique().path()).header("Location");
        ApiClient.Answer get = api.get(location);
        ApiClient.Answer head = api.send("HEAD", location);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length));
    }

    @Test
    void reportsHealthWithTheStore() {
        ApiClient.Answer answer = api.get("/health");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("store").asText()).isEqualTo("jdbc");
        assertThat(body.get("store_reachable").asBoolean()).isTrue();
    }

    @Test
    void keepsConnectionsAliveAcrossRequests() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            List<Integer> statuses = new ArrayList<>();
            statuses.add(connection.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            statuses.add(connection.exchange("POST " + Shipments.ISSUE + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 5\r\n\r\nhello"));
            statuses.add(connection.exchange("GET " + Shipments.unique().path() + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            statuses.add(connection.exchange("GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(statuses).containsExactly(200, 405, 201, 404);
        }
        api.countCreatedElsewhere(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
