package org.tracknum.server;

import java.util.Map;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;

/**
 * The API's endpoints: the reference's {@code GET /api/next-tracking-number/}, {@code POST
 * /api/tracking-numbers} (one shipment or a list, as JSON; both in {@link IssueEndpoints}),
 * {@code GET /api/tracking-numbers/{number}}, {@code /health} and the OpenAPI document. New
 * endpoints are one {@link Router#on} line in {@link #routes()}; those that take a body give its
 * size cap there.
 */
final class ApiEndpoints {
    static final String ISSUE = "/api/next-tracking-number";
    static final String CREATE = "/api/tracking-numbers";
    static final String LOOKUP = "/api/tracking-numbers/{number}";
    static final String HEALTH = "/health";
    static final String OPENAPI = "/openapi.json";

    private final TrackingNumberGenerator generator;
    private final String storeName;
    private final HealthProbe health;
    private final byte[] openApi;
    private final int maxBody;
    private final IssueEndpoints issue;

    ApiEndpoints(TrackingNumberGenerator generator, String storeName, HealthProbe health, byte[] openApi,
                 int maxBody) {
        this.generator = generator;
        this.storeName = storeName;
        this.health = health;
        this.openApi = openApi;
        this.maxBody = maxBody;
        this.issue = new IssueEndpoints(generator, health);
    }

    Router routes() {
        return new Router()
                .on("GET", ISSUE, Router.Work.WORKER, issue::fromQuery)
                .withoutHead(ISSUE) // a HEAD there must not create a number
                .on("POST", CREATE, Router.Work.WORKER, maxBody, issue::fromBody)
                .on("GET", LOOKUP, Router.Work.WORKER, this::lookUp)
                .on("GET", HEALTH, this::healthFromMemory, this::healthFromStore)
                .on("GET", OPENAPI, Router.Work.INLINE, exchange -> new Reply(200, Map.of(), openApi));
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
