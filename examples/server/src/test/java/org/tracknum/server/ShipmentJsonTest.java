package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body of {@code POST /api/tracking-numbers} read into the texts the library validates, and what only JSON can get wrong. */
class ShipmentJsonTest {
    private static final String ONE = "{\"origin_country_id\":\"MY\",\"destination_country_id\":\"ID\",\"weight\":%s,"
            + "\"created_at\":\"2018-11-20T19:29:32+08:00\",\"customer_id\":\"de619854-b59b-425e-9db4-943979e1bd49\","
            + "\"customer_name\":\"RedBox Logistics\",\"customer_slug\":\"redbox-logistics\"%s}";

    private static ShipmentJson.Body read(String json) {
        return ShipmentJson.read(json.getBytes(StandardCharsets.UTF_8), 10);
    }

    private static JsonNode errors(BadFields problems) throws Exception {
        return ApiClient.JSON.readTree(problems.reply().body());
    }

    private static List<String> names(JsonNode errors) {
        List<String> names = new ArrayList<>();
        errors.get("errors").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1.234\"", "1.234", "1.2340", "1e3", "-1", "0", "12345678901234567890"})
    void keepsTheWeightsTextAsWritten(String weight) {
        ShipmentJson.Single single = (ShipmentJson.Single) read(String.format(ONE, weight, ""));
        assertThat(single.problems().isEmpty()).isTrue();
        assertThat(single.fields()).hasSize(7)
                .containsEntry("weight", weight.startsWith("\"") ? weight.substring(1, weight.length() - 1) : weight);
    }

    @Test
    void namesWrongTypesNullsUnknownAndRepeatedMembers() throws Exception {
        String json = "{\"origin_country_id\":1,\"destination_country_id\":null,\"weight\":true,\"created_at\":[\"x\"],"
                + "\"customer_id\":{\"a\":1},\"customer_name\":\"A\",\"customer_name\":\"B\",\"colour\":\"red\","
                + "\"idempotency_key\":\"k\"}";
        ShipmentJson.Single single = (ShipmentJson.Single) read(json);
        JsonNode errors = errors(single.problems());
        assertThat(names(errors)).containsExactly("origin_country_id", "destination_country_id", "weight",
                "created_at", "customer_id", "customer_name", "idempotency_key", "colour");
        assertThat(errors.at("/errors/origin_country_id/0").asText()).isEqualTo("must be a JSON string, not a number");
        assertThat(errors.at("/errors/destination_country_id/0").asText()).isEqualTo("must be a JSON string, not null");
        assertThat(errors.at("/errors/weight/0").asText()).startsWith("must be a JSON string or number")
                .endsWith("not a boolean");
        assertThat(errors.at("/errors/created_at/0").asText()).endsWith("not an array");
        assertThat(errors.at("/errors/customer_name/0").asText()).isEqualTo("must be given only once");
        assertThat(errors.at("/errors/colour/0").asText()).isEqualTo("is not a field of a shipment");
        assertThat(errors.at("/errors/idempotency_key/0").asText()).contains("Idempotency-Key header");
        assertThat(single.fields()).doesNotContainKeys("customer_name", "origin_country_id");
    }

    @Test
    void readsAListWithKeysInOrder() throws Exception {
        String json = "{\"shipments\":[" + String.format(ONE, "1", ",\"idempotency_key\":\"a\"") + ","
                + String.format(ONE, "\"2\"", "") + "]}";
        ShipmentJson.Bulk bulk = (ShipmentJson.Bulk) read(json);
        assertThat(bulk.problems().isEmpty()).isTrue();
        assertThat(bulk.items()).hasSize(2);
        assertThat(bulk.items().get(1)).containsEntry("weight", "2");
        assertThat(bulk.keys()).containsExactly("a", null);
        assertThat(bulk.keyed()).isTrue();
    }

    @Test
    void namesBadItemsByIndex() throws Exception {
        String json = "{\"shipments\":[" + String.format(ONE, "1", "") + ",7," + String.format(ONE, "1",
                ",\"idempotency_key\":5,\"x\":1") + "],\"customer_id\":\"y\"}";
        JsonNode errors = errors(((ShipmentJson.Bulk) read(json)).problems());
        assertThat(names(errors)).containsExactly("customer_id", "shipments[1]", "shipments[2].idempotency_key",
                "shipments[2].x");
        assertThat(errors.at("/errors/customer_id/0").asText()).contains("not a member of a list of shipments");
    }

    @Test
    void refusesAnEmptyListAndAListThatIsNotOne() throws Exception {
        assertThat(errors(((ShipmentJson.Bulk) read("{\"shipments\":[]}")).problems()).at("/errors/shipments/0")
                .asText()).isEqualTo("must list at least one shipment");
        assertThat(errors(((ShipmentJson.Bulk) read("{\"shipments\":{}}")).problems()).at("/errors/shipments/0")
                .asText()).startsWith("must be a JSON array");
    }

    @Test
    void stopsAtOneItemBeyondTheLimit() {
        String item = String.format(ONE, "1", "");
        assertThat(read("{\"shipments\":[" + String.join(",", java.util.Collections.nCopies(10, item)) + "]}"))
                .isInstanceOf(ShipmentJson.Bulk.class);
        assertThat(read("{\"shipments\":[" + String.join(",", java.util.Collections.nCopies(11, item)) + ",broken"))
                .isInstanceOf(ShipmentJson.TooMany.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"x\"", "{", "{\"a\":}", "{} {}", "{\"weight\":01}", "{\"weight\":NaN}", "nul"})
    void refusesWhatIsNotOneJsonObject(String json) {
        ShipmentJson.Body body = read(json);
        assertThat(body).isInstanceOf(ShipmentJson.Malformed.class);
        String detail = ((ShipmentJson.Malformed) body).detail();
        assertThat(detail).doesNotContain("Exception", "com.fasterxml", "Source");
    }

    @Test
    void refusesUtf16AndDeepNestingAndInvalidUtf8() {
        assertThat(ShipmentJson.read("{}".getBytes(StandardCharsets.UTF_16), 10)).isInstanceOf(ShipmentJson.Malformed.class);
        assertThat(read("{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}")).isInstanceOf(ShipmentJson.Malformed.class);
        byte[] bad = "{\"customer_name\":\"Z\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ShipmentJson.read(bad, 10)).isInstanceOf(ShipmentJson.Malformed.class);
    }

    @Test
    void listsAtMostAHundredFieldsAndCountsTheRest() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 250; i++) {
            json.append(i == 0 ? "" : ",").append("\"unknown").append(i).append("\":1");
        }
        JsonNode errors = errors(((ShipmentJson.Single) read(json.append("}").toString())).problems());
        assertThat(names(errors)).hasSize(BadFields.LIMIT);
        assertThat(errors.get("more_errors").asInt()).isEqualTo(150);
    }

    @Test
    void repeatsOnlyPrintableShortMemberNames() {
        assertThat(ShipmentJson.printable("a\u0000b\u00e9")).isEqualTo("a?b?");
        assertThat(ShipmentJson.printable("x".repeat(100))).hasSize(67);
    }
}
