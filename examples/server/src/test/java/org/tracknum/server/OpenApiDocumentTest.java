package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document parses cleanly and knows every error code and route the server has. */
class OpenApiDocumentTest {
    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void isAnOpenApi31DocumentWithoutParserMessages() {
        assertThat(contract.parsed().getOpenapi()).isEqualTo("3.1.0");
        assertThat(contract.parsed().getPaths()).containsOnlyKeys("/api/next-tracking-number/",
                "/api/tracking-numbers", "/api/tracking-numbers/{number}", "/health", "/openapi.json");
        assertThat(TrackingNumberServer.openApiDocument()).isEqualTo(contract.raw());
    }

    @Test
    void listsEveryErrorCodeOfTheServer() {
        Set<String> documented = new TreeSet<>();
        contract.document().at("/components/schemas/Error/properties/code/enum")
                .forEach(code -> documented.add(code.asText()));
        Set<String> server = new TreeSet<>();
        for (ErrorCode error : ErrorCode.values()) {
            server.add(error.code);
        }
        assertThat(documented).isEqualTo(server);
        for (String pointer : List.of("/components/schemas/PartialIssue/properties/code/enum",
                "/components/schemas/FailedItem/properties/code/enum")) {
            contract.document().at(pointer).forEach(code -> assertThat(server).as(pointer).contains(code.asText()));
        }
    }

    @Test
    void documentsTheIdempotencyHeadersWhereTheServerTakesAndSendsThem() {
        JsonNode document = contract.document();
        assertThat(document.at("/components/parameters/IdempotencyKey/name").asText())
                .isEqualTo(IdempotencyKeyHeader.NAME);
        assertThat(document.at("/components/parameters/IdempotencyKey/in").asText()).isEqualTo("header");
        for (String operation : List.of("/paths/~1api~1next-tracking-number~1/get",
                "/paths/~1api~1tracking-numbers/post")) {
            List<String> parameters = new ArrayList<>();
            document.at(operation + "/parameters").forEach(p -> parameters.add(p.path("$ref").asText()));
            assertThat(parameters).as(operation).contains("#/components/parameters/IdempotencyKey");
            assertThat(document.at(operation + "/responses/201/headers").has(IssueEndpoints.REPLAYED)).as(operation)
                    .isTrue();
            assertThat(document.at(operation + "/responses").has("409")).as(operation).isTrue();
            assertThat(document.at(operation + "/responses").has("422")).as(operation).isTrue();
        }
        assertThat(document.at("/paths/~1api~1tracking-numbers/post/responses").has("413")).isTrue();
        assertThat(document.at("/paths/~1api~1tracking-numbers/post/responses").has("415")).isTrue();
    }

    @Test
    void documentsEveryRouteOfTheServer() {
        Router router = new ApiEndpoints(null, "memory", null, new byte[0], 1024).routes();
        for (String template : contract.parsed().getPaths().keySet()) {
            String path = template.replace("{number}", "MYID0000000000000");
            assertThat(router.match(path)).as("route for documented %s", template).isNotNull();
        }
        for (String path : List.of(ApiEndpoints.ISSUE, ApiEndpoints.CREATE, "/api/tracking-numbers/X", ApiEndpoints.HEALTH,
                ApiEndpoints.OPENAPI)) {
            assertThat(router.match(path)).isNotNull();
        }
    }

    @Test
    void everyOperationAnswersJsonForEveryStatus() {
        List<String> missing = new ArrayList<>();
        contract.document().get("paths").fields().forEachRemaining(path -> path.getValue().fields()
                .forEachRemaining(operation -> {
                    if (!operation.getValue().has("responses")) {
                        return;
                    }
                    operation.getValue().get("responses").fields().forEachRemaining(response -> {
                        JsonNode node = response.getValue();
                        if (node.has("$ref")) {
                            node = contract.document().at(node.get("$ref").asText().substring(1));
                        }
                        if (node.at("/content/application~1json/schema").isMissingNode()) {
                            missing.add(path.getKey() + " " + operation.getKey() + " " + response.getKey());
                        }
                    });
                }));
        assertThat(missing).as("responses without an application/json schema").isEmpty();
    }
}
