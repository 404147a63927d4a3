package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The same server jar on PostgreSQL, MariaDB and Redis, switched only by {@code TRACKNUM_*} environment
 * variables: numbers are issued, found, and really land in that store (not in an embedded
 * database), and keyed POSTs and lists are replayed from it. Skipped loudly when a service is
 * unreachable, failing when {@code CI=true}.
 */
@Tag(ServerProcess.TAG)
class StoreSwapIT {
    private static final int CLIENTS = 16;
    private static final int NUMBERS = 800;
    private static final String KEY_PREFIX = "swapkey-";

    @TempDir
    Path workDir;

    @Test
    void servesFromPostgres() throws Exception {
        StoreServices.requirePostgres();
        String table = StoreServices.uniqueName("tracknum_server_swap");
        try {
            Issued issued = exercise(Map.of("TRACKNUM_STORE", "jdbc", "TRACKNUM_JDBC_URL", StoreServices.POSTGRES_URL,
                    "TRACKNUM_JDBC_TABLE", table), "jdbc");
            assertThat(rows(StoreServices.POSTGRES_URL, table)).isEqualTo(issued.numbers().size());
        } finally {
            StoreServices.dropPostgresTable(table);
        }
    }

    @Test
    void servesFromMariaDb() throws Exception {
        StoreServices.requireMariaDb();
        String table = StoreServices.uniqueName("tracknum_server_swap");
        try {
            Issued issued = exercise(Map.of("TRACKNUM_STORE", "jdbc", "TRACKNUM_JDBC_URL", StoreServices.MARIADB_URL,
                    "TRACKNUM_JDBC_TABLE", table), "jdbc");
            assertThat(rows(StoreServices.MARIADB_URL, table)).isEqualTo(issued.numbers().size());
        } finally {
            StoreServices.dropTable(StoreServices.MARIADB_URL, table);
        }
    }

    @Test
    void servesFromRedis() throws Exception {
        StoreServices.requireRedis();
        String prefix = "tracknum-test:server-swap:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try {
            // The shared test Redis keeps nothing on restart: the store must be told that is acceptable.
            Issued issued = exercise(Map.of("TRACKNUM_STORE", "redis", "TRACKNUM_REDIS_URL", StoreServices.REDIS_URL,
                    "TRACKNUM_REDIS_KEY_PREFIX", prefix, "TRACKNUM_REDIS_DURABILITY", "relaxed"), "redis");
            assertThat(keysUnder(prefix)).as("one Redis key per number and one claim per idempotency key")
                    .isEqualTo(issued.numbers().size() + issued.keys());
        } finally {
            StoreServices.deleteRedisKeys(StoreServices.REDIS_URL, prefix);
        }
    }

    /** The numbers a run issued, and how many of them under an idempotency key. */
    record Issued(Set<String> numbers, int keys) {
    }

    private Issued exercise(Map<String, String> environment, String store) throws Exception {
        Set<String> issued = ConcurrentHashMap.newKeySet();
        int keys;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ServerProcess server = ServerProcess.start(workDir, environment)) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get("/health").json().get("store").asText()).isEqualTo(store);
            List<Callable<Void>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(() -> {
                    for (int i = 0; i < NUMBERS / CLIENTS; i++) {
                        ApiClient.Answer answer = api.get(Shipments.unique().path());
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                        String number = answer.json().get("tracking_number").asText();
                        assertThat(issued.add(number)).as("number %s issued twice", number).isTrue();
                        assertThat(api.get(answer.header("Location")).status()).isEqualTo(200);
                    }
                    return null;
                });
            }
            ServerLoadIT.runAll(clients, workers);
            assertThat(api.get(Shipments.unique().with("weight", "0").path()).status()).isEqualTo(400);
            keys = keyedRequests(api, issued);
            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.output()).anyMatch(line -> line.contains("with store " + store));
            // Replays and collisions meet unique indexes; MariaDB Connector/J logs each such error
            // with the row's values unless the server's logging keeps it quiet.
            assertThat(server.output()).as("no idempotency key in the server's output")
                    .noneMatch(line -> line.contains(KEY_PREFIX));
        } finally {
            clients.shutdownNow();
        }
        assertThat(issued).hasSize(NUMBERS + keys);
        assertThat(workDir.resolve("data")).as("no embedded database").doesNotExist();
        return new Issued(issued, keys);
    }

    /** A keyed POST and a keyed list of 100, each sent twice: the store keeps the keys. Returns the key count. */
    private static int keyedRequests(ApiClient api, Set<String> issued) {
        Shipments shipment = Shipments.unique();
        String key = "\"" + KEY_PREFIX + UUID.randomUUID() + "\"";
        ApiClient.Answer first = api.post(Shipments.CREATE, shipment.json(), Map.of(IdempotencyKeyHeader.NAME, key));
        ApiClient.Answer again = api.post(Shipments.CREATE, shipment.json(), Map.of(IdempotencyKeyHeader.NAME, key));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header(IssueEndpoints.REPLAYED)).isEqualTo("true");
        assertThat(api.post(Shipments.CREATE, shipment.with("weight", "2").json(),
                Map.of(IdempotencyKeyHeader.NAME, key)).status()).isEqualTo(422);
        issued.add(first.json().get("tracking_number").asText());

        List<String> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(Shipments.unique().json(Map.of("idempotency_key", Shipments.quote(KEY_PREFIX + "item-" + i))));
        }
        ApiClient.Answer list = api.post(Shipments.CREATE, Shipments.list(items));
        ApiClient.Answer relisted = api.post(Shipments.CREATE, Shipments.list(items));
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        assertThat(relisted.json()).isEqualTo(list.json());
        list.json().get("shipments").forEach(item -> issued.add(item.get("tracking_number").asText()));
        return 101;
    }

    private static long rows(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long keysUnder(String prefix) {
        long count = 0;
        try (RedisClient client = RedisClient.create(StoreServices.REDIS_URL)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
                count += page.getResult().size();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return count;
    }
}
