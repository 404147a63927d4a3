package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the server on its embedded H2 store while clients are issuing numbers, restarts it in the
 * same directory, and checks that every number answered with 201 before the stop is found with its
 * request, and that numbers issued after the restart are new. Once with SIGTERM (a clean stop),
 * once with {@code kill -9} (H2's default write delay would lose the last half second here).
 */
@Tag(ServerProcess.TAG)
class ServerRestartIT {
    private static final int CLIENTS = 16;
    private static final int ANSWERS_BEFORE_STOP = 3_000;
    private static final int REQUESTS_PER_CLIENT_MAX = 50_000;
    private static final int NUMBERS_AFTER_RESTART = 2_000;

    @TempDir
    Path workDir;

    @Test
    void everyAnsweredNumberSurvivesSigterm() throws Exception {
        Map<String, String> answered = issueAndStop(server -> server.terminate(), 143);
        restartAndCheck(answered);
    }

    @Test
    void everyAnsweredNumberSurvivesKillNine() throws Exception {
        Map<String, String> answered = issueAndStop(server -> server.kill(), 137);
        restartAndCheck(answered);
    }

    interface Stop {
        int apply(ServerProcess server) throws InterruptedException;
    }

    /** Clients issue numbers until the server goes away; returns number → customer id of every 201. */
    private Map<String, String> issueAndStop(Stop stop, int expectedExit) throws Exception {
        Map<String, String> answered = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
            ApiClient api = new ApiClient(server);
            List<Future<Integer>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(issueUntilRefused(api, answered)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (answered.size() < ANSWERS_BEFORE_STOP && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(answered.size()).as("numbers issued before the stop").isGreaterThanOrEqualTo(ANSWERS_BEFORE_STOP);
            assertThat(stop.apply(server)).as("exit code").isEqualTo(expectedExit);
            int requests = 0;
            for (Future<Integer> client : running) {
                requests += client.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("%d requests, %d answered with 201 before the stop (exit %d)%n", requests,
                    answered.size(), expectedExit);
            if (expectedExit == 143) {
                assertThat(server.output()).anyMatch(line -> line.contains("store closed"));
            }
        } finally {
            clients.shutdownNow();
        }
        return answered;
    }

    /** Issues until the server refuses (connection error or 503 while stopping); returns the request count. */
    private static Callable<Integer> issueUntilRefused(ApiClient api, Map<String, String> answered) {
        return () -> {
            for (int i = 0; i < REQUESTS_PER_CLIENT_MAX; i++) {
                String customer = UUID.randomUUID().toString();
                ApiClient.Answer answer;
                try {
                    answer = api.get(Shipments.reference().with("customer_id", customer).path());
                } catch (UncheckedIOException stopped) {
                    return i + 1;
                }
                if (answer.status() == 503) {
                    assertThat(answer.header("Retry-After")).isNotNull();
                    return i + 1;
                }
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                String number = answer.json().get("tracking_number").asText();
                assertThat(answered.putIfAbsent(number, customer)).as("number %s issued twice", number).isNull();
            }
            return REQUESTS_PER_CLIENT_MAX;
        };
    }

    private void restartAndCheck(Map<String, String> answered) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
            ApiClient api = new ApiClient(server);
            List<String> numbers = new ArrayList<>(answered.keySet());
            List<Callable<Void>> checks = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                checks.add(() -> {
                    for (int i = first; i < numbers.size(); i += CLIENTS) {
                        ApiClient.Answer found = api.get("/api/tracking-numbers/" + numbers.get(i));
                        assertThat(found.status()).as("lookup of %s after restart", numbers.get(i)).isEqualTo(200);
                        assertThat(found.json().get("customer_id").asText()).isEqualTo(answered.get(numbers.get(i)));
                    }
                    return null;
                });
            }
            ServerLoadIT.runAll(clients, checks);

            Set<String> fresh = ConcurrentHashMap.newKeySet();
            List<Callable<Void>> issuers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                issuers.add(() -> {
                    for (int i = 0; i < NUMBERS_AFTER_RESTART / CLIENTS; i++) {
                        ApiClient.Answer answer = api.get(Shipments.unique().path());
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                        String number = answer.json().get("tracking_number").asText();
                        assertThat(answered).doesNotContainKey(number);
                        assertThat(fresh.add(number)).as("number %s issued twice", number).isTrue();
                    }
                    return null;
                });
            }
            ServerLoadIT.runAll(clients, issuers);
            assertThat(server.terminate()).isEqualTo(143);
        } finally {
            clients.shutdownNow();
        }
    }
}
