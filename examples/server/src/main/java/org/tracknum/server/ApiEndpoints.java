package org.tracknum.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracknum.FieldError;
import org.tracknum.InvalidRequestException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;

/**
 * The API's endpoints: the reference's {@code GET /api/next-tracking-number/} and {@code GET
 * /api/tracking-numbers/{number}}, {@code /health} and the OpenAPI document. New endpoints are one
 * {@link Router#on} line in {@link #routes()}; those that take a body give its size cap there.
 */
final class ApiEndpoints {
    static final String ISSUE = "/api/next-tracking-number";
    static final String LOOKUP = "/api/tracking-numbers/{number}";
    static final String HEALTH = "/health";
    static final String OPENAPI = "/openapi.json";

    private final TrackingNumberGenerator generator;
    private final String storeName;
    private final HealthProbe health;
    private final byte[] openApi;

    ApiEndpoints(TrackingNumberGenerator generator, String storeName, HealthProbe health, byte[] openApi) {
        this.generator = generator;
        this.storeName = storeName;
        this.health = health;
        this.openApi = openApi;
    }

    Router routes() {
        return new Router()
                .on("GET", ISSUE, Router.Work.WORKER, this::issue)
                .withoutHead(ISSUE) // a HEAD there must not create a number
                .on("GET", LOOKUP, Router.Work.WORKER, this::lookUp)
                .on("GET", HEALTH, this::healthFromMemory, this::healthFromStore)
                .on("GET", OPENAPI, Router.Work.INLINE, exchange -> new Reply(200, Map.of(), openApi));
    }

    private Reply issue(Exchange exchange) {
        QueryParameters query = QueryParameters.parse(exchange.rawQuery());
        ShipmentRequest request;
        try {
            request = ShipmentRequest.fromParameters(query.values());
        } catch (InvalidRequestException e) {
            return badRequest(query.errors(), e.errors());
        }
        if (!query.errors().isEmpty()) {
            return badRequest(query.errors(), List.of());
        }
        IssuedTrackingNumber issued;
        try {
            issued = generator.next(request);
        } catch (StoreUnavailableException e) {
            health.storeFailed();
            throw e;
        }
        health.storeAnswered();
        return Reply.json(201, JsonBodies.Issued.of(issued))
                .with("Location", "/api/tracking-numbers/" + issued.trackingNumber());
    }

    /** Every bad field once, in API order; an HTTP-level problem of a field replaces the library's. */
    static Reply badRequest(Map<String, List<String>> queryErrors, List<FieldError> fieldErrors) {
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

    private Reply lookUp(Exchange exchange) {
        String number = QueryParameters.decode(exchange.segment());
        if (number == null || number.isEmpty()) {
            return ErrorCode.NOT_FOUND.reply();
        }
        java.util.Optional<IssuedTrackingNumber> found;
        try {
            found = generator.find(number);
        } catch (StoreUnavailableException e) {
            health.storeFailed();
            throw e;
        }
        health.storeAnswered();
        return found
                .map(stored -> Reply.json(200, JsonBodies.Stored.of(stored)))
                .orElseGet(ErrorCode.NOT_FOUND::reply);
    }

    /**
     * Answered from the last ping while it is fresh (null otherwise): then the ping runs on a worker,
     * since it may wait for the store, in {@link #healthFromStore}.
     */
    private Reply healthFromMemory(Exchange exchange) {
        Boolean fresh = health.fresh();
        return fresh != null ? healthReply(fresh) : null;
    }

    private Reply healthFromStore(Exchange exchange) {
        return healthReply(health.probe());
    }

    private Reply healthReply(boolean reachable) {
        JsonBodies.Health body = new JsonBodies.Health(reachable ? "UP" : "DOWN", storeName, reachable);
        return reachable ? Reply.json(200, body) : Reply.json(503, body).with("Retry-After", "1");
    }
}
