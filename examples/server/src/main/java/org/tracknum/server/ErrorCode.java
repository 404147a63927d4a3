package org.tracknum.server;

/**
 * Every error the server answers besides field validation ({@code 400 {"errors": ...}}) and the
 * generic {@code 500}: its status, its stable {@code code} and its message. The OpenAPI document's
 * {@code Error.code} enum lists the same names. {@code internal_error} is never the code of an
 * answer of its own (the generic 500 has none): it names the items of a partly issued list that
 * failed for an internal reason.
 */
enum ErrorCode {
    BAD_REQUEST(400, "bad_request", "The request is not valid HTTP/1.1."),
    INVALID_JSON(400, "invalid_json", ShipmentJson.NOT_AN_OBJECT),
    NOT_FOUND(404, "not_found", "Not found."),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", null),
    REQUEST_TIMEOUT(408, "request_timeout", "The request did not arrive in time."),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "idempotency_key_in_flight",
            "An earlier request with this idempotency key is still being answered; retry later with the same key."),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large."),
    TOO_MANY_SHIPMENTS(413, "too_many_shipments", "The list has more shipments than one request may issue."),
    URI_TOO_LONG(414, "uri_too_long", "The request line is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "The request body must be application/json in UTF-8."),
    EXPECTATION_FAILED(417, "expectation_failed", "Only Expect: 100-continue is supported."),
    MISDIRECTED_REQUEST(421, "misdirected_request", "This server does not serve the host named in the request."),
    IDEMPOTENCY_CONFLICT(422, "idempotency_conflict",
            "This idempotency key was already used for a different request; use a new key for a new shipment."),
    HEADERS_TOO_LARGE(431, "headers_too_large", "The request headers are too large."),
    INTERNAL_ERROR(500, "internal_error", "Internal server error."),
    NOT_IMPLEMENTED(501, "not_implemented", "The request uses a feature this server does not implement."),
    SHUTTING_DOWN(503, "shutting_down", "The server is shutting down; retry later."),
    STORE_UNAVAILABLE(503, "store_unavailable", "The tracking number store is unavailable; retry later."),
    OVERLOADED(503, "overloaded", "The server is busy; retry later."),
    TIMEOUT(503, "timeout", "The request took too long to answer; retry later."),
    TOO_MANY_CONNECTIONS(503, "too_many_connections", "The server has too many open connections; retry later."),
    HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported", "Only HTTP/1.1 and HTTP/1.0 are served."),
    NUMBER_SPACE_EXHAUSTED(507, "number_space_exhausted",
            "No tracking numbers are left for this origin and destination; the operator must widen the format.");

    final int status;
    final String code;
    final String detail;

    ErrorCode(int status, String code, String detail) {
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    Reply reply() {
        return Reply.error(status, code, detail);
    }

    Reply reply(String message) {
        return Reply.error(status, code, message);
    }

    /** The code for a status that Jetty produced before the API ran, or {@code BAD_REQUEST}. */
    static ErrorCode forStatus(int status) {
        for (ErrorCode error : values()) {
            if (error.status == status) {
                return error;
            }
        }
        return BAD_REQUEST;
    }
}
