package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys live as long as their numbers: a server on the embedded default store answers keyed
 * requests (POST with the header, the GET endpoint with the header, a list with per-item keys), is
 * stopped (SIGTERM or {@code kill -9}) and started again on the same database file; the same
 * requests then get the same answers, byte for byte, with {@code Idempotent-Replayed: true}, and
 * the same key with another request is still a {@code 422}.
 */
@Tag(ServerProcess.TAG)
class IdempotencyRestartIT {
    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"SIGTERM", "kill -9"})
    void replaysAfterARestartOnTheSameStore(String stop) throws Exception {
        Shipments posted = Shipments.unique();
        Shipments got = Shipments.unique();
        String postKey = "\"post-" + UUID.randomUUID() + "\"";
        String getKey = "get-" + UUID.randomUUID();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(Shipments.unique().json(Map.of("idempotency_key", Shipments.quote("item-" + UUID.randomUUID()))));
        }
        String list = Shipments.list(items);

        ApiClient.Answer firstPost;
        ApiClient.Answer firstGet;
        ApiClient.Answer firstList;
        try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
            ApiClient api = new ApiClient(server);
            firstPost = api.post(Shipments.CREATE, posted.json(), IdempotencyIT.key(postKey));
            firstGet = api.get(got.path(), IdempotencyIT.key(getKey));
            firstList = api.post(Shipments.CREATE, list);
            for (ApiClient.Answer answer : List.of(firstPost, firstGet, firstList)) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                assertThat(answer.header(IssueEndpoints.REPLAYED)).isNull();
            }
            int exit = stop.equals("SIGTERM") ? server.terminate() : server.kill();
            assertThat(exit).isEqualTo(stop.equals("SIGTERM") ? 143 : 137);
        }

        try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
            ApiClient api = new ApiClient(server);
            ApiClient.Answer post = api.post(Shipments.CREATE, posted.json(), IdempotencyIT.key(postKey));
            ApiClient.Answer get = api.get(got.path(), IdempotencyIT.key(getKey));
            for (ApiClient.Answer[] pair : List.of(new ApiClient.Answer[] {firstPost, post},
                    new ApiClient.Answer[] {firstGet, get})) {
                assertThat(pair[1].status()).as(pair[1].toString()).isEqualTo(201);
                assertThat(pair[1].body()).as("same number, same created_at").isEqualTo(pair[0].body());
                assertThat(pair[1].header("Location")).isEqualTo(pair[0].header("Location"));
                assertThat(pair[1].header(IssueEndpoints.REPLAYED)).isEqualTo("true");
            }
            ApiClient.Answer relisted = api.post(Shipments.CREATE, list);
            assertThat(relisted.status()).isEqualTo(201);
            assertThat(relisted.json()).isEqualTo(firstList.json());

            ApiClient.Answer conflict = api.post(Shipments.CREATE, posted.with("weight", "7").json(),
                    IdempotencyIT.key(postKey));
            assertThat(conflict.status()).as(conflict.toString()).isEqualTo(422);
            JsonNode stored = api.get(firstPost.header("Location")).json();
            assertThat(stored.get("weight").asText()).isEqualTo("1.234");
            assertThat(server.terminate()).isEqualTo(143);
        }
    }
}
