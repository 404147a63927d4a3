package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's answers when its store fails: an H2 database served over TCP by this test, which
 * the test stops (the store is unreachable: 503 with Retry-After, health DOWN, then recovery) or
 * breaks (its table dropped: 500 with a fixed body, the cause in the server's log without the
 * request's data), also part-way through a list (503 with every number issued), or holds an
 * idempotency key in an unfinished transaction (409).
 */
@Tag(ServerProcess.TAG)
class ServerFailureIT {
    private static final String CUSTOMER_NAME = "Confidential Freight 4711";

    @TempDir
    Path workDir;
    private Server database;
    private int databasePort;

    @BeforeEach
    void startDatabase() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            databasePort = probe.getLocalPort();
        }
        database = startTcpServer();
    }

    private Server startTcpServer() throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-baseDir",
                workDir.resolve("h2").toString(), "-ifNotExists").start();
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    private Map<String, String> environment() {
        // A short retry budget makes the 503 quick; connecting keeps its default bound (3 s), which a
        // loaded machine needs to open a connection to the database at start.
        return Map.of("TRACKNUM_STORE", "jdbc",
                "TRACKNUM_JDBC_URL", databaseUrl(),
                "TRACKNUM_RETRY_BUDGET", "1s");
    }

    private String databaseUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/tracknum";
    }

    @Test
    void answers503WithRetryAfterWhileTheStoreIsUnreachableAndRecovers() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment())) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);

            database.stop();
            ApiClient.Answer unavailable = api.get(Shipments.unique().path());
            assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
            assertThat(unavailable.header("Retry-After")).isEqualTo("1");
            assertThat(unavailable.json().get("detail").asText()).contains("unavailable");
            ApiClient.Answer health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");

            database = startTcpServer();
            ApiClient.Answer recovered = api.get(Shipments.unique().path());
            for (int attempt = 0; recovered.status() == 503 && attempt < 30; attempt++) {
                Thread.sleep(1_000); // the pool replaces its broken connections
                recovered = api.get(Shipments.unique().path());
            }
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(201);
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    /**
     * A list of 10,000 keyed shipments in store batches of 20, and the database stopped once some
     * hundreds are stored: the answer is a 503 that lists every number issued by index and every
     * other item as failed; after the database is back, every listed number is found, and the list
     * retried with its keys gets the same numbers for those items (and numbers for the others).
     */
    @Test
    void aListTheStoreFailsPartWayThroughIsAnsweredWithEveryNumberIssued() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(environment());
        environment.put("TRACKNUM_BATCH_BULK_SIZE", "20");
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment)) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201); // the table exists
            List<Shipments> shipments = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                shipments.add(Shipments.unique());
                items.add(shipments.get(i).json(Map.of("idempotency_key", Shipments.quote("label-" + i))));
            }
            CompletableFuture<ApiClient.Answer> answer = CompletableFuture.supplyAsync(
                    () -> api.post(Shipments.CREATE, Shipments.list(items)));
            try (Connection c = DriverManager.getConnection(databaseUrl()); Statement s = c.createStatement()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!answer.isDone() && System.nanoTime() < deadline) {
                    try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM tracknum_numbers")) {
                        rows.next();
                        if (rows.getLong(1) > 300) {
                            break;
                        }
                    }
                    Thread.sleep(2);
                }
            }
            database.stop();
            ApiClient.Answer partial = answer.get(60, TimeUnit.SECONDS);
            assertThat(partial.status()).as("the list must not finish before the stop: %s", partial).isEqualTo(503);
            assertThat(partial.header("Retry-After")).isEqualTo("1");
            JsonNode body = partial.json();
            assertThat(body.get("code").asText()).isEqualTo("store_unavailable");
            Set<Integer> indexes = new HashSet<>();
            for (JsonNode issued : body.get("issued")) {
                int index = issued.get("index").asInt();
                assertThat(issued.get("customer_id").asText()).isEqualTo(shipments.get(index).get("customer_id"));
                assertThat(indexes.add(index)).isTrue();
            }
            for (JsonNode failed : body.get("failed")) {
                assertThat(failed.get("code").asText()).isEqualTo("store_unavailable");
                assertThat(indexes.add(failed.get("index").asInt())).as("an item is issued or failed, once").isTrue();
            }
            assertThat(indexes).hasSize(10_000);
            assertThat(body.get("issued").size()).as("issued before the stop").isBetween(300, 9_999);
            System.out.printf("%d of 10,000 issued before the database stopped%n", body.get("issued").size());

            database = startTcpServer();
            ApiClient.Answer recovered = api.get("/health");
            for (int attempt = 0; recovered.status() == 503 && attempt < 30; attempt++) {
                Thread.sleep(1_000);
                recovered = api.get("/health");
            }
            for (JsonNode issued : body.get("issued")) {
                String number = issued.get("tracking_number").asText();
                ApiClient.Answer found = api.get("/api/tracking-numbers/" + number);
                for (int attempt = 0; found.status() == 503 && attempt < 30; attempt++) {
                    Thread.sleep(1_000);
                    found = api.get("/api/tracking-numbers/" + number);
                }
                assertThat(found.status()).as("issued %s is stored", number).isEqualTo(200);
            }
            ApiClient.Answer retried = api.post(Shipments.CREATE, Shipments.list(items));
            assertThat(retried.status()).as("the list retried with its keys").isEqualTo(201);
            JsonNode numbers = retried.json().get("shipments");
            for (JsonNode issued : body.get("issued")) {
                assertThat(numbers.get(issued.get("index").asInt()).get("tracking_number"))
                        .as("item %s keeps its number", issued.get("index")).isEqualTo(issued.get("tracking_number"));
            }
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    /**
     * Another writer's unfinished transaction holds the key (a row with it, not committed): the
     * request with that key cannot settle within the retry budget, yet the store answers, so it
     * is a 409 with Retry-After (a list with that key too); once that
     * transaction rolls back the same request issues its number.
     */
    @Test
    void aKeyHeldByAnUnfinishedTransactionIs409UntilItEnds() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(environment());
        environment.put("TRACKNUM_JDBC_LOCK_TIMEOUT", "300ms");
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment)) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201); // the table exists
            Shipments shipment = Shipments.unique();
            String key = "held-" + java.util.UUID.randomUUID();
            try (Connection c = DriverManager.getConnection(databaseUrl())) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO tracknum_numbers (tracking_number, reservation_id, origin_country_id,"
                            + " destination_country_id, weight_kg, created_at, customer_id, customer_name, customer_slug,"
                            + " issued_at, idempotency_key) VALUES ('MYIDHELD00000001', '" + java.util.UUID.randomUUID()
                            + "', 'MY', 'ID', 1.234, '2018-11-20T19:29:32+08:00', '" + shipment.get("customer_id")
                            + "', 'RedBox Logistics', 'redbox-logistics', '2026-12-01T00:00:00Z', '" + key + "')");
                }
                ApiClient.Answer single = api.post(Shipments.CREATE, shipment.json(), IdempotencyIT.key(key));
                ApiClient.Answer list = api.post(Shipments.CREATE, Shipments.list(List.of(shipment.json(Map.of(
                        "idempotency_key", Shipments.quote(key))))));
                assertThat(single.status()).as(single.toString()).isEqualTo(409);
                assertThat(single.header("Retry-After")).isEqualTo("1");
                assertThat(single.json().get("code").asText()).isEqualTo("idempotency_key_in_flight");
                // nextAll settles a held key through a lookup as next does: its only item is in flight.
                assertThat(list.status()).as(list.toString()).isEqualTo(409);
                assertThat(list.header("Retry-After")).isEqualTo("1");
                assertThat(list.json().get("code").asText()).isEqualTo("idempotency_key_in_flight");
                c.rollback();
            }
            ApiClient.Answer after = api.post(Shipments.CREATE, shipment.json(), IdempotencyIT.key(key));
            assertThat(after.status()).as(after.toString()).isEqualTo(201);
            assertThat(after.header(IssueEndpoints.REPLAYED)).isNull();
            assertThat(after.json().get("tracking_number").asText()).isNotEqualTo("MYIDHELD00000001");
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    @Test
    void answers500WithoutInternalsWhenTheStoreRefusesForGood() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), environment())) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);
            try (Connection c = DriverManager.getConnection(databaseUrl());
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE tracknum_numbers");
            }

            ApiClient.Answer failed = api.get(Shipments.unique().with("customer_name", CUSTOMER_NAME).path());

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"detail\":\"Internal server error.\"}");
            assertThat(failed.header("Content-Type")).isEqualTo(ApiClient.JSON_TYPE);
            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.output()).anyMatch(line -> line.contains("internal error"));
            assertThat(server.output()).noneMatch(line -> line.contains(CUSTOMER_NAME));
        }
    }
}
