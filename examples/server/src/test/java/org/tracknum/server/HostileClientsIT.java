package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and hostile clients against the built jar (default options, embedded H2, {@code -Xmx256m}),
 * each while one normal client keeps issuing numbers: its p99 must stay under 1 s and every one of
 * its requests must get a 201. After each attack the server answers normally within 1 s, its log
 * shows no {@code OutOfMemoryError} and its heap is under 256 MB. Every attack is bounded in count
 * and time (about 45 s in all).
 */
@Tag(ServerProcess.TAG)
class HostileClientsIT {
    private static final long HEADER_TIMEOUT_MILLIS = 5_000; // the default of --header-timeout
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @TempDir
    static Path workDir;
    static ServerProcess server;
    static ApiClient api;

    private NormalClient normal;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(workDir, Map.of());
        api = new ApiClient(server);
        for (int i = 0; i < 50; i++) { // warm up, so that the attacks measure the server, not its JIT
            assertThat(api.get(Shipments.unique().path()).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        } finally {
            server.close();
        }
    }

    @AfterEach
    void serverAnswersNormallyAfterwards() throws Exception {
        long start = System.nanoTime();
        ApiClient.Answer health = api.get("/health");
        ApiClient.Answer issued = api.get(Shipments.unique().path());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(health.status()).isEqualTo(200);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(millis).as("health and one issue right after the attack, ms").isLessThan(1_000);
        assertThat(heapUsedMegabytes()).as("server heap used, MB").isLessThan(256);
        assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
    }

    @Test
    void thousandConnectionsTricklingHeadersAreCutOff() throws Exception {
        byte[] request = ("GET /health HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + "s".repeat(400)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> channels = new ArrayList<>();
        long[] closedAfter = new long[1_000];
        try (NormalClient client = NormalClient.start()) {
            long opened = System.nanoTime();
            for (int i = 0; i < closedAfter.length; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                channel.configureBlocking(false);
                channels.add(channel);
            }
            ByteBuffer scratch = ByteBuffer.allocate(4096);
            int position = 0;
            int open = channels.size();
            long deadline = opened + TimeUnit.MILLISECONDS.toNanos(HEADER_TIMEOUT_MILLIS + 5_000);
            while (open > 0 && System.nanoTime() < deadline) { // one byte per connection every 200 ms
                for (int i = 0; i < channels.size(); i++) {
                    SocketChannel channel = channels.get(i);
                    if (closedAfter[i] != 0) {
                        continue;
                    }
                    try {
                        scratch.clear();
                        if (channel.read(scratch) < 0) {
                            throw new IOException("closed by the server");
                        }
                        channel.write(ByteBuffer.wrap(request, position % (request.length - 4), 1));
                    } catch (IOException e) {
                        closedAfter[i] = System.nanoTime() - opened;
                        open--;
                    }
                }
                position++;
                Thread.sleep(200);
            }
            client.assertHealthy("1,000 connections trickling headers");
            assertThat(open).as("trickling connections still open %d ms after they started",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isZero();
            long latest = 0;
            for (long nanos : closedAfter) {
                latest = Math.max(latest, nanos);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(latest)).as("last trickler cut off after, ms")
                    .isBetween(HEADER_TIMEOUT_MILLIS - 500, HEADER_TIMEOUT_MILLIS + 3_000);
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }

    @Test
    void twoHundredBodiesThatNeverComeHoldNothing() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (NormalClient client = NormalClient.start()) {
            for (int i = 0; i < 200; i++) {
                String target = i % 2 == 0 ? "POST " + Shipments.ISSUE : "GET /health";
                Socket socket = connect();
                socket.getOutputStream().write((target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":").getBytes(
                        StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            for (int i = 0; i < sockets.size(); i++) {
                Response response = Response.read(sockets.get(i).getInputStream());
                assertThat(response.status()).as("answer to a request whose body never comes")
                        .isEqualTo(i % 2 == 0 ? 405 : 200);
                OpenApiContract.get().check(i % 2 == 0 ? "POST" : "GET", i % 2 == 0 ? Shipments.ISSUE : "/health",
                        response.status(), response.contentType(), response.body());
                sockets.get(i).setSoTimeout(5_000);
                assertThat(sockets.get(i).getInputStream().read()).as("the unread body ends the connection").isEqualTo(-1);
            }
            Thread.sleep(2_000); // the normal client keeps going while the sockets stay open on our side
            client.assertHealthy("200 bodies that never come");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aPipeliningClientThatNeverReadsIsHeldBack() throws Exception {
        byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (NormalClient client = NormalClient.start(); Socket socket = connect()) {
            socket.setReceiveBufferSize(4096);
            AtomicBoolean stop = new AtomicBoolean();
            Future<Integer> sent = writer.submit(() -> {
                OutputStream out = socket.getOutputStream();
                int count = 0;
                try {
                    while (!stop.get() && count < 50_000) {
                        out.write(request);
                        count++;
                    }
                } catch (IOException e) {
                    // the server may give up on a client that reads nothing
                }
                return count;
            });
            Thread.sleep(5_000);
            stop.set(true);
            socket.close(); // unblocks a write that waits for the server to read
            int count = sent.get(10, TimeUnit.SECONDS);
            client.assertHealthy("a pipelining client that never reads (" + count + " requests written)");
            assertThat(count).as("pipelined requests written").isGreaterThan(1_000);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void bareLineFeedsAreAnsweredInJson() throws Exception {
        try (NormalClient client = NormalClient.start(); Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2_000; i++) {
                out.write("GET /health HTTP/1.1\nHost: localhost\n\n".getBytes(StandardCharsets.US_ASCII));
                Response response = Response.read(in);
                assertThat(response.status()).isEqualTo(200);
                OpenApiContract.get().check("GET", "/health", response.status(), response.contentType(),
                        response.body());
            }
            client.assertHealthy("2,000 requests with bare LF line endings");
        }
    }

    @Test
    void megabyteRequestLinesGet414() throws Exception {
        byte[] line = ("GET /health?" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (NormalClient client = NormalClient.start()) {
            for (int i = 0; i < 20; i++) {
                Response response = sendWhileReading(line);
                assertThat(response.status()).isEqualTo(414);
                assertThat(ApiClient.JSON.readTree(response.body()).get("code").asText()).isEqualTo("uri_too_long");
                OpenApiContract.get().check("GET", "/health", response.status(), response.contentType(),
                        response.body());
            }
            client.assertHealthy("20 requests with a 1 MB request line");
        }
    }

    @Test
    void fiveHundredHeadersGet431() throws Exception {
        StringBuilder headers = new StringBuilder("GET /health HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 500; i++) {
            headers.append("X-Header-").append(i).append(": ").append("v".repeat(20)).append("\r\n");
        }
        byte[] request = headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        try (NormalClient client = NormalClient.start()) {
            for (int i = 0; i < 50; i++) {
                Response response = sendWhileReading(request);
                assertThat(response.status()).isEqualTo(431);
                JsonNode body = ApiClient.JSON.readTree(response.body());
                assertThat(body.get("code").asText()).isEqualTo("headers_too_large");
                OpenApiContract.get().check("GET", "/health", response.status(), response.contentType(),
                        response.body());
            }
            client.assertHealthy("50 requests with 500 headers");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** Sends {@code request} from another thread (the server may answer and close before it is all sent). */
    private static Response sendWhileReading(byte[] request) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = connect()) {
            writer.submit(() -> {
                try {
                    socket.getOutputStream().write(request);
                } catch (IOException e) {
                    // expected: the server stops reading once it has refused the request
                }
            });
            return Response.read(socket.getInputStream());
        } finally {
            writer.shutdownNow();
        }
    }

    private static long heapUsedMegabytes() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(server.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher m = HEAP_USED.matcher(output);
        assertThat(m.find()).as("jcmd GC.heap_info: %s", output).isTrue();
        return Long.parseLong(m.group(1)) / 1024;
    }

    /** A response read by hand: status, lower-cased headers, body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        String contentType() {
            return headers.get("content-type");
        }

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            String line;
            while (!(line = line(in)).isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** One client issuing numbers one after another on its own connection, timing each. */
    static final class NormalClient implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Future<Void> running;

        private NormalClient() {
            Callable<Void> loop = () -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    ApiClient.Answer answer = api.get(Shipments.unique().path());
                    latencies.add(System.nanoTime() - start);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                }
                return null;
            };
            running = thread.submit(loop);
        }

        static NormalClient start() {
            return new NormalClient();
        }

        /** Stops the client; asserts it never failed, issued enough and its p99 stayed under 1 s. */
        void assertHealthy(String attack) throws Exception {
            stop.set(true);
            running.get(30, TimeUnit.SECONDS);
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            assertThat(sorted).as("numbers the normal client issued during: %s", attack).hasSizeGreaterThan(10);
            long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
            long p50 = sorted.get(sorted.size() / 2);
            System.out.printf("normal client during %s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", attack,
                    sorted.size(), p50 / 1e6, p99 / 1e6, sorted.get(sorted.size() - 1) / 1e6);
            assertThat(TimeUnit.NANOSECONDS.toMillis(p99)).as("normal client's p99 during %s, ms", attack)
                    .isLessThan(1_000);
        }

        @Override
        public void close() {
            stop.set(true);
            thread.shutdownNow();
        }
    }
}
