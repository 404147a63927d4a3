package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies hold no worker and a bounded amount of memory: one worker, a 2 s request timeout,
 * bodies of at most 64 KiB and at most 256 KiB of them at once (memory store). Bodies that trickle
 * in are answered {@code 408} at the timeout while other requests are served by the one worker;
 * once the bodies held fill the budget, the next body is refused at once with {@code 503
 * overloaded}; when they are answered the budget is free again.
 */
@Tag(ServerProcess.TAG)
class BodyBoundsIT {
    private static final int MAX_BODY = 64 << 10;
    private static final int BODY_MEMORY = 4 * MAX_BODY;

    @TempDir
    static Path workDir;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(workDir, Map.of("TRACKNUM_STORE", "memory",
                "TRACKNUM_SERVER_THREADS", "1",
                "TRACKNUM_SERVER_REQUEST_TIMEOUT", "2s",
                "TRACKNUM_SERVER_MAX_BODY_BYTES", String.valueOf(MAX_BODY),
                "TRACKNUM_SERVER_MAX_BODY_MEMORY", String.valueOf(BODY_MEMORY)));
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

    @Test
    void tricklingBodiesHoldNoWorkerAndGet408AtTheTimeout() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                slow.add(startBody(MAX_BODY - 100, "{\"shipments\":["));
            }
            for (int i = 0; i < 20; i++) { // the one worker keeps issuing while three bodies are pending
                long requestStart = System.nanoTime();
                ApiClient.Answer answer = api.post(Shipments.CREATE, Shipments.unique().json());
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requestStart)).isLessThan(1_000);
            }
            for (Socket socket : slow) {
                HostileClientsIT.Response response = HostileClientsIT.Response.read(socket.getInputStream());
                assertThat(response.status()).isEqualTo(408);
                assertThat(response.body()).contains("request_timeout");
                OpenApiContract.get().check("POST", Shipments.CREATE, response.status(), response.contentType(),
                        response.body());
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("answered at the timeout, ms")
                    .isBetween(1_900L, 6_000L);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(api.post(Shipments.CREATE, largestList()).status()).as("a body of nearly the cap").isEqualTo(201);
    }

    @Test
    void bodiesBeyondTheMemoryBudgetAreRefusedAtOnceUntilTheHeldOnesAreAnswered() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(startBody(MAX_BODY, "{"));
            }
            Thread.sleep(200); // the server has read their headers and counted their bodies
            long start = System.nanoTime();
            ApiClient.Answer refused = api.post(Shipments.CREATE, Shipments.unique().json());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("overloaded");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refused at once, ms")
                    .isLessThan(1_000);
            assertThat(api.get(Shipments.unique().path()).status()).as("requests without a body are served")
                    .isEqualTo(201);
            for (Socket socket : held) {
                assertThat(HostileClientsIT.Response.read(socket.getInputStream()).status()).isEqualTo(408);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        ApiClient.Answer after = api.post(Shipments.CREATE, Shipments.unique().json());
        assertThat(after.status()).as("the budget is free again: " + after).isEqualTo(201);
    }

    @Test
    void refusesDeclaredAndChunkedBodiesAboveTheCap() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange("POST " + Shipments.CREATE + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n", true))
                    .isEqualTo(413);
        }
        HostileClientsIT.Response chunked = sendChunkedUntilAnswered(server.port(), Shipments.CREATE, 4096);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.body()).contains("payload_too_large");
        assertThat(api.post(Shipments.CREATE, Shipments.unique().json()).status()).isEqualTo(201);
    }

    /** A list of shipments just under the body cap. */
    private static String largestList() {
        List<String> items = new ArrayList<>();
        String list;
        do {
            items.add(Shipments.unique().json());
            list = Shipments.list(items);
        } while (list.length() < MAX_BODY - 400);
        return list;
    }

    /** Sends the headers of a POST declaring {@code length} bytes and only its first bytes. */
    private static Socket startBody(int length, String first) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(("POST " + Shipments.CREATE + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + first)
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /**
     * POSTs a chunked JSON body of endless {@code chunkSize} chunks from another thread until the
     * server answers; returns the answer.
     */
    static HostileClientsIT.Response sendChunkedUntilAnswered(int port, String path, int chunkSize) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = (Integer.toHexString(chunkSize) + "\r\n" + "x".repeat(chunkSize) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            writer.submit(() -> {
                try {
                    for (int i = 0; i < 100_000; i++) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // expected: the server stops reading once it has refused the body
                }
            });
            return HostileClientsIT.Response.read(socket.getInputStream());
        } finally {
            writer.shutdownNow();
        }
    }
}
