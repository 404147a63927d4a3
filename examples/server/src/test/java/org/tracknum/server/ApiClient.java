package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * java.net.http client for the server's API; counts the 201s it sees and checks every answer
 * against the OpenAPI document ({@link OpenApiContract}).
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private final ServerProcess server;
    private final HttpClient http;
    private final AtomicInteger created = new AtomicInteger();

    ApiClient(ServerProcess server) {
        this.server = server;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A GET of {@code pathAndQuery}, sent exactly as given (no encoding added). */
    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    Answer send(String method, String pathAndQuery) {
        return send(method, pathAndQuery, null, Map.of());
    }

    /** A GET with extra request headers (e.g. {@code Idempotency-Key}). */
    Answer get(String pathAndQuery, Map<String, String> headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** A POST of {@code json} as {@code application/json}, with extra request headers. */
    Answer post(String path, String json, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        return send("POST", path, json, all);
    }

    Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** Any request: {@code body} null for none; a header whose value is null is left out. */
    Answer send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(60));
        headers.forEach((name, value) -> {
            if (value != null) {
                builder.header(name, value);
            }
        });
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiContract.get().check(method, pathAndQuery, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            if (response.statusCode() == 201) {
                created.incrementAndGet();
            }
            return new Answer(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds 201 answers received by other means (e.g. a raw socket) to {@link #created()}. */
    void countCreatedElsewhere(int count) {
        created.addAndGet(count);
    }

    /** How many 201 answers this client received. */
    int created() {
        return created.get();
    }

    /** A response; {@link #json()} asserts it is a JSON document with the right Content-Type. */
    record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            assertThat(header("Content-Type")).as("Content-Type").isEqualTo(JSON_TYPE);
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
