package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tracknum.BulkLimitExceededException;
import org.tracknum.IdempotencyConflictException;
import org.tracknum.IdempotencyKeyInFlightException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.PartialIssueException;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberException;

class FailuresTest {
    private final Failures failures = new Failures(new RequestGate());

    @Test
    void exhaustedNumberSpaceIsItsOwnErrorNotA500() {
        Reply reply = failures.reply(new NumberSpaceExhaustedException("format x: capacity 10, 64 attempts failed"));
        assertThat(reply.status()).isEqualTo(507);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"code\":\"number_space_exhausted\"")
                .doesNotContain("capacity");
        assertThat(failures.internalErrors()).isZero();
    }

    @Test
    void anUnavailableStoreIsA503WithRetryAfter() {
        Reply reply = failures.reply(new StoreUnavailableException("down", null));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void internalErrorsAnswerAFixedBodyAndAreCounted() {
        for (int i = 0; i < 5; i++) {
            Reply reply = failures.reply(new IllegalArgumentException("secret detail " + i));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"detail\":\"Internal server error.\"}");
        }
        assertThat(failures.internalErrors()).isEqualTo(5);
    }

    @Test
    void keyFailuresAre422And409AndATooLongListIs413() throws Exception {
        Reply conflict = failures.reply(new IdempotencyConflictException("order-1", "MYID000000000001"));
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(body(conflict).get("code").asText()).isEqualTo("idempotency_conflict");
        assertThat(body(conflict).get("detail").asText()).doesNotContain("order-1");
        Reply inFlight = failures.reply(new IdempotencyKeyInFlightException("order-1", "", null));
        assertThat(inFlight.status()).isEqualTo(409);
        assertThat(inFlight.headers()).containsEntry("Retry-After", "1");
        assertThat(body(inFlight).get("code").asText()).isEqualTo("idempotency_key_in_flight");
        Reply tooMany = failures.reply(new BulkLimitExceededException(12, 10));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(body(tooMany).get("detail").asText()).contains("12").contains("at most 10");
        assertThat(failures.internalErrors()).isZero();
    }

    @Test
    void aPartialIssueListsEveryIssuedNumberAndAnswersWithTheFailureMostWorthRetrying() throws Exception {
        ShipmentRequest request = ShipmentRequest.fromParameters(Map.of("origin_country_id", "MY",
                "destination_country_id", "ID", "weight", "1", "created_at", "2018-11-20T19:29:32+08:00",
                "customer_id", "de619854-b59b-425e-9db4-943979e1bd49", "customer_name", "Secret Name",
                "customer_slug", "s"));
        SortedMap<Integer, IssuedTrackingNumber> issued = new TreeMap<>(Map.of(
                0, new IssuedTrackingNumber("MYID000000000000", request, Instant.parse("2026-01-01T00:00:00Z")),
                3, new IssuedTrackingNumber("MYID000000000003", request, Instant.parse("2026-01-01T00:00:01Z"))));
        SortedMap<Integer, TrackingNumberException> failed = new TreeMap<>();
        failed.put(1, new IdempotencyConflictException("k", "MYID000000000009"));
        failed.put(2, new NumberSpaceExhaustedException("full"));
        Reply conflict = failures.reply(new PartialIssueException(4, issued, failed));
        assertThat(conflict.status()).isEqualTo(422);
        JsonNode body = body(conflict);
        assertThat(body.get("code").asText()).isEqualTo("idempotency_conflict");
        assertThat(body.get("issued")).hasSize(2);
        assertThat(body.at("/issued/1/index").asInt()).isEqualTo(3);
        assertThat(body.at("/issued/1/tracking_number").asText()).isEqualTo("MYID000000000003");
        assertThat(body.at("/issued/1/created_at").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(body.at("/failed/0/code").asText()).isEqualTo("idempotency_conflict");
        assertThat(body.at("/failed/1/code").asText()).isEqualTo("number_space_exhausted");
        assertThat(new String(conflict.body(), StandardCharsets.UTF_8)).doesNotContain("Secret Name");

        failed.put(5, new StoreUnavailableException("down", null));
        Reply unavailable = failures.reply(new PartialIssueException(6, issued, failed));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.headers()).containsEntry("Retry-After", "1");
        assertThat(body(unavailable).get("code").asText()).isEqualTo("store_unavailable");

        Reply internal = failures.reply(new PartialIssueException(3, issued, new TreeMap<>(Map.of(1,
                new TrackingNumberException("store refused")))));
        assertThat(internal.status()).isEqualTo(500);
        assertThat(body(internal).get("code").asText()).isEqualTo("internal_error");
        assertThat(body(internal).get("issued")).hasSize(2);
        assertThat(failures.internalErrors()).isEqualTo(1);
    }

    private static JsonNode body(Reply reply) throws Exception {
        return ApiClient.JSON.readTree(reply.body());
    }

    @Test
    void logsOncePerIntervalAndCountsTheRest() throws Exception {
        Failures.RateLimitedLog log = new Failures.RateLimitedLog(50_000_000L);
        assertThat(log.tryLog()).as("first report").isZero();
        for (int i = 0; i < 9; i++) {
            assertThat(log.tryLog()).isEqualTo(-1);
        }
        Thread.sleep(60);
        assertThat(log.tryLog()).as("reports suppressed since the last one").isEqualTo(9);
    }
}
