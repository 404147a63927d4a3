package org.tracknum.server;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tracknum.InvalidRequestException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.KeyedIssue;
import org.tracknum.PartialIssueException;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;

/**
 * The endpoints that issue numbers: the reference's {@code GET /api/next-tracking-number/} (query
 * parameters) and {@code POST /api/tracking-numbers} (a JSON shipment, or a list of them). A
 * single shipment may carry an {@code Idempotency-Key} header: a replay answers the first call's
 * {@code 201} and body with {@code Idempotent-Replayed: true}. A list carries a key per item
 * instead. Every bad field of the request (and the header) is reported at once; failures of the
 * generator are answered by {@link Failures}.
 */
final class IssueEndpoints {
    static final String REPLAYED = "Idempotent-Replayed";
    /** The library's names of list items ({@code [7].weight}) as the API names them. */
    private static final UnaryOperator<String> ITEM_NAMES = field -> ShipmentJson.SHIPMENTS + field;
    /** The library names a malformed key {@code idempotency_key}; for a single shipment it came in the header. */
    private static final UnaryOperator<String> HEADER_NAME = field -> field.equals(BadFields.KEY_FIELD)
            ? IdempotencyKeyHeader.NAME : field;

    private final TrackingNumberGenerator generator;
    private final HealthProbe health;

    IssueEndpoints(TrackingNumberGenerator generator, HealthProbe health) {
        this.generator = generator;
        this.health = health;
    }

    /** {@code GET /api/next-tracking-number/?...}, with an optional {@code Idempotency-Key}. */
    Reply fromQuery(Exchange exchange) {
        QueryParameters query = QueryParameters.parse(exchange.rawQuery());
        IdempotencyKeyHeader key = IdempotencyKeyHeader.parse(exchange.headers(IdempotencyKeyHeader.NAME));
        BadFields problems = new BadFields();
        problems.addAll(query.errors());
        return one(query.values(), key, problems);
    }

    /** {@code POST /api/tracking-numbers}: one shipment or {@code {"shipments": [...]}}. */
    Reply fromBody(Exchange exchange) {
        IdempotencyKeyHeader key = IdempotencyKeyHeader.parse(exchange.headers(IdempotencyKeyHeader.NAME));
        int limit = generator.maxBulk();
        ShipmentJson.Body body = ShipmentJson.read(exchange.body(), limit);
        if (body instanceof ShipmentJson.Malformed malformed) {
            return ErrorCode.INVALID_JSON.reply(malformed.detail());
        }
        if (body instanceof ShipmentJson.TooMany) {
            return ErrorCode.TOO_MANY_SHIPMENTS.reply("The list has more than " + limit + " shipments; one request"
                    + " may issue at most " + limit + ": split the list.");
        }
        if (body instanceof ShipmentJson.Single single) {
            return one(single.fields(), key, single.problems());
        }
        return list((ShipmentJson.Bulk) body, key);
    }

    private Reply one(Map<String, String> fields, IdempotencyKeyHeader key, BadFields problems) {
        if (key.error() != null) {
            problems.add(IdempotencyKeyHeader.NAME, key.error());
        }
        ShipmentRequest request;
        try {
            request = ShipmentRequest.fromParameters(fields);
        } catch (InvalidRequestException e) {
            return problems.reply(e.errors(), UnaryOperator.identity());
        }
        if (!problems.isEmpty()) {
            return problems.reply();
        }
        KeyedIssue issued;
        try {
            issued = generator.nextOrReplay(request, key.key());
        } catch (InvalidRequestException e) { // the key broke the library's rule
            return new BadFields().reply(e.errors(), HEADER_NAME);
        } catch (StoreUnavailableException e) {
            health.storeFailed();
            throw e;
        }
        health.storeAnswered();
        IssuedTrackingNumber number = issued.issued();
        Reply reply = Reply.json(201, JsonBodies.Issued.of(number))
                .with("Location", "/api/tracking-numbers/" + number.trackingNumber());
        return issued.replayed() ? reply.with(REPLAYED, "true") : reply;
    }

    private Reply list(ShipmentJson.Bulk bulk, IdempotencyKeyHeader key) {
        BadFields problems = bulk.problems();
        if (key.present()) {
            problems.add(IdempotencyKeyHeader.NAME, "is not accepted on a list of shipments: give each shipment its "
                    + "own \"idempotency_key\"");
        }
        List<ShipmentRequest> requests;
        try {
            requests = ShipmentRequest.fromParameterList(bulk.items());
        } catch (InvalidRequestException e) {
            return problems.reply(e.errors(), ITEM_NAMES);
        }
        if (!problems.isEmpty()) {
            return problems.reply();
        }
        List<IssuedTrackingNumber> issued;
        try {
            issued = bulk.keyed() ? generator.nextAll(requests, bulk.keys()) : generator.nextAll(requests);
        } catch (InvalidRequestException e) { // a key broke the library's rule: [7].idempotency_key
            return new BadFields().reply(e.errors(), ITEM_NAMES);
        } catch (PartialIssueException e) {
            boolean storeFailed = e.failures().values().stream().anyMatch(StoreUnavailableException.class::isInstance);
            if (storeFailed) {
                health.storeFailed();
            } else {
                health.storeAnswered();
            }
            throw e;
        } catch (StoreUnavailableException e) {
            health.storeFailed();
            throw e;
        }
        health.storeAnswered();
        return Reply.json(201, JsonBodies.IssuedList.of(issued));
    }
}
