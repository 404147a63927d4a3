package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker pool's bounds, with a store that stops answering (an H2 database over TCP that this
 * test stops): one worker and no queue, so a second request while the first waits for the store
 * gets {@code 503 overloaded} at once; a request timeout shorter than the retry budget answers
 * {@code 503 timeout} at the timeout.
 */
@Tag(ServerProcess.TAG)
class WorkerBoundsIT {
    @TempDir
    Path workDir;

    @Test
    void refusesAtOnceWhenEveryWorkerIsBusyAndAnswersAtTheRequestTimeout() throws Exception {
        int databasePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            databasePort = probe.getLocalPort();
        }
        Server database = Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-baseDir",
                workDir.resolve("h2").toString(), "-ifNotExists").start();
        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), Map.of(
                "TRACKNUM_STORE", "jdbc",
                "TRACKNUM_JDBC_URL", "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/bounds",
                "TRACKNUM_RETRY_BUDGET", "6s",
                "TRACKNUM_SERVER_THREADS", "1",
                "TRACKNUM_SERVER_QUEUE", "0",
                "TRACKNUM_SERVER_REQUEST_TIMEOUT", "2s"))) {
            ApiClient api = new ApiClient(server);
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);
            database.stop();

            long start = System.nanoTime();
            CompletableFuture<ApiClient.Answer> waiting = CompletableFuture.supplyAsync(
                    () -> api.get(Shipments.unique().path()));
            Thread.sleep(500); // the one worker now waits for the store
            ApiClient.Answer refused = api.get(Shipments.unique().path());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("overloaded");
            assertThat(refused.header("Retry-After")).isEqualTo("1");

            ApiClient.Answer timedOut = waiting.get(30, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(timedOut.status()).as(timedOut.toString()).isEqualTo(503);
            assertThat(timedOut.json().get("code").asText()).isEqualTo("timeout");
            assertThat(millis).as("answered at the request timeout, before the retry budget").isBetween(1_900L, 5_500L);
            assertThat(server.terminate()).isEqualTo(143);
        } finally {
            database.stop();
        }
    }
}
