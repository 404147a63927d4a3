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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's answers when its store fails: an H2 database served over TCP by this test, which
 * the test stops (the store is unreachable: 503 with Retry-After, health DOWN, then recovery) or
 * breaks (its table dropped: 500 with a fixed body, the cause in the server's log without the
 * request's data), also part-way through a list (503 with every number issued).
 */
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
     * A list of 10,000 shipments in store batches of 20, and the database stopped once some
     * hundreds are stored: the answer is a 503 that lists every number issued by index and every
     * other item as failed; after the database is back, every listed number is found.
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
                items.add(shipments.get(i).json());
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
