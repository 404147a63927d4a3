package org.tracknum.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.FieldError;
import org.tracknum.InvalidRequestException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.TrackingNumberGenerator;

/**
 * Routes and answers every request: the reference's endpoints, {@code /health}, and JSON errors
 * for everything else. Never an HTML page, never a stack trace, never request data in the log.
 */
final class ApiHandler implements HttpHandler {
    static final String ISSUE = "/api/next-tracking-number";
    static final String LOOKUP = "/api/tracking-numbers/";
    static final String HEALTH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final TrackingNumberGenerator generator;
    private final String storeName;
    private final RequestGate gate;
    private final Failures failures;

    ApiHandler(TrackingNumberGenerator generator, String storeName, RequestGate gate) {
        this.generator = generator;
        this.storeName = storeName;
        this.gate = gate;
        this.failures = new Failures(gate);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            if (!gate.enter()) {
                send(exchange, Failures.shuttingDown().with("Connection", "close"));
                return;
            }
            try {
                send(exchange, answer(exchange));
            } finally {
                gate.leave();
            }
        } catch (IOException e) {
            LOG.debug("could not write a response: the client went away", e);
        } finally {
            exchange.close();
        }
    }

    private Reply answer(HttpExchange exchange) {
        try {
            return route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
        } catch (RuntimeException e) {
            return failures.reply(e);
        }
    }

    private Reply route(String method, String path, String rawQuery) {
        if (path.equals(ISSUE) || path.equals(ISSUE + "/")) {
            return allowed(method, "GET").orElseGet(() -> issue(rawQuery));
        }
        if (path.startsWith(LOOKUP)) {
            return allowed(method, "GET", "HEAD").orElseGet(() -> lookUp(path.substring(LOOKUP.length())));
        }
        if (path.equals(HEALTH) || path.equals(HEALTH + "/")) {
            return allowed(method, "GET", "HEAD").orElseGet(this::health);
        }
        return notFound();
    }

    /** Empty if {@code method} is one of {@code allowed}, else the 405 answer. */
    private static Optional<Reply> allowed(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return Optional.empty();
            }
        }
        return Optional.of(Reply.detail(405, "Method \"" + printable(method) + "\" not allowed.")
                .with("Allow", String.join(", ", allowed)));
    }

    private Reply issue(String rawQuery) {
        QueryParameters query = QueryParameters.parse(rawQuery);
        ShipmentRequest request;
        try {
            request = ShipmentRequest.fromParameters(query.values());
        } catch (InvalidRequestException e) {
            return badRequest(query.errors(), e.errors());
        }
        if (!query.errors().isEmpty()) {
            return badRequest(query.errors(), List.of());
        }
        IssuedTrackingNumber issued = generator.next(request);
        return Reply.json(201, JsonBodies.Issued.of(issued)).with("Location", LOOKUP + issued.trackingNumber());
    }

    /** Every bad field once, in API order; an HTTP-level problem of a field replaces the library's. */
    private static Reply badRequest(Map<String, List<String>> queryErrors, List<FieldError> fieldErrors) {
        Map<String, List<String>> byField = new HashMap<>(queryErrors);
        for (FieldError error : fieldErrors) {
            if (!queryErrors.containsKey(error.field())) {
                byField.computeIfAbsent(error.field(), f -> new ArrayList<>()).add(error.message());
            }
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String field : QueryParameters.FIELDS) {
            if (byField.containsKey(field)) {
                ordered.put(field, byField.remove(field));
            }
        }
        ordered.putAll(byField);
        return Reply.json(400, new JsonBodies.Errors(ordered));
    }

    private Reply lookUp(String rawNumber) {
        String segment = rawNumber.endsWith("/") ? rawNumber.substring(0, rawNumber.length() - 1) : rawNumber;
        String number = segment.isEmpty() || segment.contains("/") ? null : QueryParameters.decode(segment);
        if (number == null) {
            return notFound();
        }
        return generator.find(number)
                .map(found -> Reply.json(200, JsonBodies.Stored.of(found)))
                .orElseGet(ApiHandler::notFound);
    }

    private Reply health() {
        boolean reachable = generator.isStoreReachable();
        JsonBodies.Health body = new JsonBodies.Health(reachable ? "UP" : "DOWN", storeName, reachable);
        return reachable ? Reply.json(200, body) : Reply.json(503, body).with("Retry-After", "1");
    }

    private static Reply notFound() {
        return Reply.detail(404, "Not found.");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply.body());
        }
    }

    /** A method name as sent, cut short and reduced to visible ASCII, for the 405 message. */
    private static String printable(String method) {
        String visible = method.replaceAll("[^\\x21-\\x7E]", "?");
        return visible.length() > 20 ? visible.substring(0, 20) + "..." : visible;
    }
}
