package org.tracknum.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracknum.ci.TestServices;

/**
 * The whole application on a random port against the local PostgreSQL (a table of its own),
 * called over real HTTP: issue, look up, a 400, then Actuator's health and the tracknum.issued meter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParcelServiceApplicationTest {
    private static final String TABLE = "parcel_example_"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServices.POSTGRES_URL);
        registry.add("tracknum.jdbc.table", () -> TABLE);
    }

    @BeforeAll
    static void postgresIsThere() {
        try (Connection c = DriverManager.getConnection(TestServices.POSTGRES_URL)) {
            assertThat(c.isValid(5)).isTrue();
        } catch (Exception e) {
            TestServices.unavailable("PostgreSQL at " + TestServices.POSTGRES_URL, e);
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection c = DriverManager.getConnection(TestServices.POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    @Test
    void issuesLooksUpAndReportsHealthAndMetricsOverHttp() throws Exception {
        Map<String, String> shipment = new LinkedHashMap<>();
        shipment.put("origin_country_id", "MY");
        shipment.put("destination_country_id", "ID");
        shipment.put("weight", "1.234");
        shipment.put("created_at", "2018-11-20T19:29:32+08:00");
        shipment.put("customer_id", UUID.randomUUID().toString());
        shipment.put("customer_name", "RedBox Logistics");
        shipment.put("customer_slug", "redbox-logistics");

        HttpResponse<String> created = get("/api/next-tracking-number?" + query(shipment));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> issued = json(created);
        String number = (String) issued.get("tracking_number");
        assertThat(number).matches("MYID[0-9A-Z]+");
        assertThat(created.headers().firstValue("Location")).contains("/api/tracking-numbers/" + number);

        HttpResponse<String> found = get("/api/tracking-numbers/" + number);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found)).containsEntry("customer_slug", "redbox-logistics").containsEntry("weight", "1.234");
        assertThat(get("/api/tracking-numbers/NOSUCHNUMBER1").statusCode()).isEqualTo(404);

        shipment.put("origin_country_id", "XX");
        HttpResponse<String> invalid = get("/api/next-tracking-number?" + query(shipment));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("origin_country_id").doesNotContain("Exception");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        Map<?, ?> tracknum = (Map<?, ?>) ((Map<?, ?>) json(health).get("components")).get("tracknum");
        assertThat(tracknum).as(health.body()).isNotNull();
        assertThat(tracknum.get("status")).isEqualTo("UP");
        assertThat(tracknum.get("details")).isEqualTo(Map.of("store", "jdbc"));
        assertThat(health.body()).doesNotContain("postgres", "jdbc:");

        HttpResponse<String> meter = get("/actuator/metrics/tracknum.issued");
        assertThat(meter.statusCode()).as(meter.body()).isEqualTo(200);
        Map<String, Object> metric = json(meter);
        double count = ((List<?>) metric.get("measurements")).stream().map(Map.class::cast)
                .filter(m -> "COUNT".equals(m.get("statistic"))).mapToDouble(m -> ((Number) m.get("value")).doubleValue())
                .sum();
        assertThat(count).isEqualTo(1.0);
        assertThat(meter.body()).contains("\"store\"").contains("jdbc");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return JsonParserFactory.getJsonParser().parseMap(response.body());
    }
}
