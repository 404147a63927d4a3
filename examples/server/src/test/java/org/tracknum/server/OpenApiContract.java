package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The server's OpenAPI document (src/main/resources/openapi.json) as the tests hold the server to
 * it: parsed by swagger-parser (which must report nothing wrong, and which decides which operation
 * and response a request gets), and every response body the integration tests receive validated
 * with networknt's JSON Schema validator against the schema of its documented response. A status
 * the document does not list for that operation fails the test, so the document cannot drift from
 * the server. Bodies must also name no Java class and hold no stack trace.
 */
final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_NAME = Pattern.compile(
            "(?:java|javax|jakarta|org\\.eclipse|org\\.tracknum|com\\.fasterxml|org\\.h2)\\.[a-z]|Exception|\\tat |\\.java:");
    private static final OpenApiContract INSTANCE = new OpenApiContract();

    private final byte[] raw;
    private final JsonNode document;
    private final OpenAPI parsed;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicLong checked = new AtomicLong();

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            raw = in.readAllBytes();
            document = JSON.readTree(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(new String(raw, StandardCharsets.UTF_8), null,
                options);
        assertThat(result.getMessages()).as("swagger-parser messages about openapi.json").isEmpty();
        parsed = result.getOpenAPI();
        assertThat(parsed.getOpenapi()).startsWith("3.1.");
    }

    static OpenApiContract get() {
        return INSTANCE;
    }

    byte[] raw() {
        return raw;
    }

    OpenAPI parsed() {
        return parsed;
    }

    JsonNode document() {
        return document;
    }

    /** How many responses were checked so far. */
    long checked() {
        return checked.get();
    }

    /**
     * Asserts that one response matches the document: {@code target} is the request's path and
     * query as sent (or null when the request had no usable target), {@code method} its method.
     */
    void check(String method, String target, int status, String contentType, String body) {
        checked.incrementAndGet();
        assertThat(contentType).as("Content-Type of %s %s → %d", method, target, status)
                .isEqualTo(ApiClient.JSON_TYPE);
        String where = method + " " + abbreviate(target) + " → " + status;
        boolean head = "HEAD".equals(method);
        if (!head) {
            assertThat(JAVA_NAME.matcher(body).find()).as("body of %s names a Java class or a stack: %s", where,
                    body).isFalse();
        }
        String pointer = responsePointer(method, target, status);
        if (head) {
            assertThat(body).as("HEAD body of %s", where).isEmpty();
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer, this::schemaAt);
        List<com.networknt.schema.Error> errors = schema.validate(body, InputFormat.JSON);
        assertThat(errors).as("%s: body %s against %s", where, abbreviate(body), pointer).isEmpty();
    }

    /** JSON pointer of the schema that documents this response; fails if the document has none. */
    private String responsePointer(String method, String target, int status) {
        String path = target == null ? null : target.split("\\?", 2)[0];
        String template = path == null ? null : template(path);
        if (template != null) {
            PathItem item = parsed.getPaths().get(template);
            Operation operation = operation(item, method);
            String verb = operation == null ? null : verbOf(item, method);
            if (operation != null) {
                String code = String.valueOf(status);
                assertThat(operation.getResponses()).as("responses of %s %s", method, template)
                        .containsKey(code);
                return "/paths/" + escape(template) + "/" + verb + "/responses/" + code;
            }
            if (status != 405) {
                assertThat(status).as("%s %s is undocumented, so it must be refused", method, template)
                        .isIn(400, 404, 405, 408, 413, 414, 417, 421, 431, 501, 503, 505);
            }
        }
        return "/components/schemas/AnyError";
    }

    private static String verbOf(PathItem item, String method) {
        return item.readOperationsMap().keySet().stream()
                .filter(m -> m.name().equalsIgnoreCase(method)).findFirst()
                .map(m -> m.name().toLowerCase(Locale.ROOT)).orElse("get"); // HEAD answers as GET
    }

    private Operation operation(PathItem item, String method) {
        if (item == null) {
            return null;
        }
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
            if (entry.getKey().name().equalsIgnoreCase(method)) {
                return entry.getValue();
            }
        }
        return "HEAD".equals(method) && !"/api/next-tracking-number/".equals(pathOf(item)) ? item.getGet() : null;
    }

    private String pathOf(PathItem item) {
        return parsed.getPaths().entrySet().stream().filter(e -> e.getValue() == item).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** The document's path template for a request path (a trailing slash is optional), or null. */
    private String template(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String template : parsed.getPaths().keySet()) {
            String t = template.length() > 1 && template.endsWith("/")
                    ? template.substring(0, template.length() - 1) : template;
            String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (trimmed.matches(regex)) {
                return template;
            }
        }
        return null;
    }

    /** A schema document: the response's schema, with the document's schemas as its {@code $defs}. */
    private Schema schemaAt(String pointer) {
        JsonNode response = document.at(pointer);
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        JsonNode schema = pointer.startsWith("/components/schemas/") ? response
                : response.path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("application/json schema at %s", pointer).isFalse();
        ObjectNode wrapper = schema.deepCopy();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("$defs", document.at("/components/schemas"));
        // The document's references, pointed at the same schemas under $defs.
        String text = wrapper.toString().replace("\"#/components/schemas/", "\"#/$defs/");
        return registry.getSchema(text, InputFormat.JSON);
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
