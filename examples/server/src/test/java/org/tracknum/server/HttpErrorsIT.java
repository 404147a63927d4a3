package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the HTTP layer refuses, and the odd requests it must serve, sent byte for byte over a raw
 * connection to the built jar (memory store): every answer has the right status and a JSON body
 * of the documented shape that names no Java class ({@link RawConnection} checks each one against
 * the OpenAPI document). Also the Host allow-list, the common headers and the served document.
 */
@Tag(ServerProcess.TAG)
class HttpErrorsIT {
    @TempDir
    static Path workDir;
    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(workDir, Map.of("TRACKNUM_STORE", "memory"));
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

    private static String utf8AsBytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static final String QUERY = Shipments.unique().without("customer_name").path().substring(
            Shipments.ISSUE.length());

    static Stream<Arguments> requests() {
        String host = "Host: localhost\r\n";
        return Stream.of(
            Arguments.of("broken percent-escape in the path", "GET /api/tracking-numbers/%zz HTTP/1.1\r\n" + host
                    + "\r\n", 400, "bad_request"),
            Arguments.of("broken percent-escape in the query", "GET " + Shipments.ISSUE + QUERY + "&customer_name=%zz"
                    + " HTTP/1.1\r\n" + host + "\r\n", 400, "errors:customer_name"),
            Arguments.of("raw bytes that are not UTF-8 in the query", "GET " + Shipments.ISSUE + QUERY
                    + "&customer_name=Z\u00e9\u00ff HTTP/1.1\r\n" + host + "\r\n", 400, "errors:customer_name"),
            Arguments.of("a raw space in the target", "GET " + Shipments.ISSUE + QUERY + "&customer_name=Red Box"
                    + " HTTP/1.1\r\n" + host + "\r\n", 400, "bad_request"),
            Arguments.of("a control character in the target", "GET /health\u0001 HTTP/1.1\r\n" + host + "\r\n", 400,
                    "bad_request"),
            Arguments.of("a tab in the target", "GET /he\talth HTTP/1.1\r\n" + host + "\r\n", 400, "bad_request"),
            Arguments.of("two Content-Length headers", "POST /health HTTP/1.1\r\n" + host
                    + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabc", 400, "bad_request"),
            Arguments.of("a Content-Length that is not a number", "POST /health HTTP/1.1\r\n" + host
                    + "Content-Length: 1x\r\n\r\n", 400, "bad_request"),
            Arguments.of("Transfer-Encoding and Content-Length", "POST /health HTTP/1.1\r\n" + host
                    + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400, "bad_request"),
            Arguments.of("a Transfer-Encoding the server does not support", "POST /health HTTP/1.1\r\n" + host
                    + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, "not_implemented"),
            Arguments.of("Transfer-Encoding without chunked last", "POST /health HTTP/1.1\r\n" + host
                    + "Transfer-Encoding: gzip\r\n\r\n", 400, "bad_request"),
            Arguments.of("Transfer-Encoding in HTTP/1.0", "POST /health HTTP/1.0\r\n" + host
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "bad_request"),
            Arguments.of("an unknown method", "BREW /health HTTP/1.1\r\n" + host + "\r\n", 405, "method_not_allowed"),
            Arguments.of("TRACE", "TRACE /health HTTP/1.1\r\n" + host + "\r\n", 405, "method_not_allowed"),
            Arguments.of("OPTIONS", "OPTIONS /health HTTP/1.1\r\n" + host + "\r\n", 405, "method_not_allowed"),
            Arguments.of("asterisk-form", "OPTIONS * HTTP/1.1\r\n" + host + "\r\n", 400, "bad_request"),
            Arguments.of("absolute-form for another host", "GET http://evil.example/health HTTP/1.1\r\n"
                    + "Host: evil.example\r\n\r\n", 421, "misdirected_request"),
            Arguments.of("a Host that is not a loopback name", "GET /health HTTP/1.1\r\nHost: attacker.example\r\n\r\n",
                    421, "misdirected_request"),
            Arguments.of("a rebinding Host with the server's port", "GET /health HTTP/1.1\r\n"
                    + "Host: rebind.attacker.example:8000\r\n\r\n", 421, "misdirected_request"),
            Arguments.of("HTTP/1.1 without Host", "GET /health HTTP/1.1\r\n\r\n", 400, "bad_request"),
            Arguments.of("two Host headers", "GET /health HTTP/1.1\r\n" + host + host + "\r\n", 400, "bad_request"),
            Arguments.of("an HTTP/2 prior-knowledge preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505,
                    "http_version_not_supported"),
            Arguments.of("an unknown HTTP version", "GET /health HTTP/3.0\r\n" + host + "\r\n", 505,
                    "http_version_not_supported"),
            Arguments.of("HTTP/0.9", "GET /health\r\n\r\n", 505, "http_version_not_supported"),
            Arguments.of("a folded header line", "GET /health HTTP/1.1\r\n" + host + "X-A: a\r\n b\r\n\r\n", 400,
                    "bad_request"),
            Arguments.of("a space before the colon", "GET /health HTTP/1.1\r\nHost : localhost\r\n\r\n", 400,
                    "bad_request"),
            Arguments.of("more than 100 header fields", "GET /health HTTP/1.1\r\n" + host
                    + "X-A: 1\r\n".repeat(101) + "\r\n", 431, "headers_too_large"),
            Arguments.of("a 20 KB request line", "GET /health?" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n",
                    414, "uri_too_long"),
            Arguments.of("20 KB of headers", "GET /health HTTP/1.1\r\n" + host + ("X-Big: " + "b".repeat(1_000)
                    + "\r\n").repeat(20) + "\r\n", 431, "headers_too_large"),
            Arguments.of("an Expect the server does not know", "POST /health HTTP/1.1\r\n" + host
                    + "Expect: teapot\r\nContent-Length: 2\r\n\r\nab", 417, "expectation_failed"),
            Arguments.of("a GET of an unknown path", "GET /etc/passwd HTTP/1.1\r\n" + host + "\r\n", 404, "not_found"),
            Arguments.of("a dot-dot path", "GET /api/../health/../../etc HTTP/1.1\r\n" + host + "\r\n", 400,
                    "bad_request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answersInJson(String what, String request, int status, String expected) throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange(request, true)).as(what + ": " + connection.lastBody()).isEqualTo(status);
            JsonNode body = ApiClient.JSON.readTree(connection.lastBody());
            if (expected.startsWith("errors:")) {
                assertThat(body.get("errors").has(expected.substring("errors:".length()))).as(body.toString()).isTrue();
            } else {
                assertThat(body.get("code").asText()).as(body.toString()).isEqualTo(expected);
                assertThat(body.get("detail").asText()).isNotBlank();
            }
        }
    }

    @Test
    void servesRequestsThatAreOddButValid() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.exchange("GET " + Shipments.ISSUE + QUERY + "&customer_name="
                    + utf8AsBytes("Łódź+Spółka") + " HTTP/1.1\r\nHost: localhost\r\n\r\n", true))
                    .as("raw UTF-8 in the query: " + connection.lastBody()).isEqualTo(201);
            String location = "/api/tracking-numbers/" + ApiClient.JSON.readTree(connection.lastBody())
                    .get("tracking_number").asText();
            assertThat(api.get(location).json().get("customer_name").asText()).isEqualTo("Łódź Spółka");

            assertThat(connection.exchange("GET http://127.0.0.1:" + server.port() + "/health HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n\r\n", true)).as("absolute-form").isEqualTo(200);
            assertThat(connection.exchange("GET /health HTTP/1.1\r\nHost: [::1]:8000\r\n\r\n", true)).isEqualTo(200);
            assertThat(connection.exchange("GET /health HTTP/1.1\r\nHost: tracknum.localhost\r\n\r\n", true))
                    .isEqualTo(200);
            assertThat(connection.exchange("GET /health HTTP/1.1\nHost: localhost\n\n", true)).as("bare LF")
                    .isEqualTo(200);
            assertThat(connection.exchange("HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n", true)).isEqualTo(200);
        }
        try (RawConnection http10 = new RawConnection(server.port())) {
            assertThat(http10.exchange("GET /health HTTP/1.0\r\n\r\n", true)).as("HTTP/1.0 without Host")
                    .isEqualTo(200);
        }
    }

    @Test
    void everyAnswerCarriesTheSafetyHeaders() {
        for (String path : new String[] {"/health", "/nowhere", Shipments.unique().path(), "/openapi.json"}) {
            ApiClient.Answer answer = api.get(path);
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).as(path).isEqualTo("no-store");
            assertThat(answer.header("Content-Type")).as(path).isEqualTo(ApiClient.JSON_TYPE);
            assertThat(answer.header("Server")).as(path).isNull();
        }
    }

    @Test
    void servesItsOpenApiDocument() {
        ApiClient.Answer answer = api.get("/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(OpenApiContract.get().raw());
    }
}
