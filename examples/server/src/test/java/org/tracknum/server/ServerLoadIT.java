package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 concurrent clients issue 50,000 numbers through the built server on its embedded H2 store:
 * no number twice, each found afterwards with its own request, and exactly 50,000 rows stored.
 */
@Tag(ServerProcess.TAG)
class ServerLoadIT {
    private static final int CLIENTS = 64;
    private static final int NUMBERS = 50_000;

    @TempDir
    Path workDir;

    @Test
    void sixtyFourClientsIssueFiftyThousandUniqueNumbersThatAreAllFoundAfterwards() throws Exception {
        Map<String, String> customerByNumber = new ConcurrentHashMap<>();
        try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
            ApiClient api = new ApiClient(server);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                runAll(clients, issuers(api, customerByNumber));
                assertThat(customerByNumber).hasSize(NUMBERS);
                runAll(clients, lookUps(api, customerByNumber));
            } finally {
                clients.shutdownNow();
            }
            assertThat(server.terminate()).isEqualTo(143);
        }
        assertThat(H2Rows.count(workDir)).isEqualTo(NUMBERS);
    }

    private static List<Callable<Void>> issuers(ApiClient api, Map<String, String> customerByNumber) {
        List<Callable<Void>> issuers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int share = NUMBERS / CLIENTS + (c < NUMBERS % CLIENTS ? 1 : 0);
            issuers.add(() -> {
                for (int i = 0; i < share; i++) {
                    String customer = UUID.randomUUID().toString();
                    ApiClient.Answer answer = api.get(Shipments.reference().with("customer_id", customer).path());
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                    String number = answer.json().get("tracking_number").asText();
                    String earlier = customerByNumber.putIfAbsent(number, customer);
                    assertThat(earlier).as("number %s issued twice", number).isNull();
                }
                return null;
            });
        }
        return issuers;
    }

    private static List<Callable<Void>> lookUps(ApiClient api, Map<String, String> customerByNumber) {
        List<String> numbers = new ArrayList<>(customerByNumber.keySet());
        List<Callable<Void>> lookUps = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c;
            lookUps.add(() -> {
                for (int i = first; i < numbers.size(); i += CLIENTS) {
                    String number = numbers.get(i);
                    ApiClient.Answer answer = api.get("/api/tracking-numbers/" + number);
                    assertThat(answer.status()).as(number).isEqualTo(200);
                    JsonNode stored = answer.json();
                    assertThat(stored.get("customer_id").asText()).isEqualTo(customerByNumber.get(number));
                }
                return null;
            });
        }
        return lookUps;
    }

    /** Runs every task and rethrows the first failure. */
    static void runAll(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> done : pool.invokeAll(tasks)) {
            done.get();
        }
    }
}
