package org.tracknum.examples.spring;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracknum.FieldError;
import org.tracknum.InvalidRequestException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;

/**
 * The API of tracknum-server, on Spring MVC: {@code GET /api/next-tracking-number?...} issues a
 * number (201), {@code GET /api/tracking-numbers/{number}} looks one up (200 or 404). The
 * generator is the starter's bean; {@code next()} commits in the store's own transaction.
 */
@RestController
class TrackingNumberController {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingNumberController.class);

    private final TrackingNumberGenerator generator;

    TrackingNumberController(TrackingNumberGenerator generator) {
        this.generator = generator;
    }

    @GetMapping({"/api/next-tracking-number", "/api/next-tracking-number/"})
    ResponseEntity<Map<String, Object>> next(@RequestParam Map<String, String> parameters) {
        IssuedTrackingNumber issued = generator.next(ShipmentRequest.fromParameters(parameters));
        ShipmentRequest request = issued.request();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracking_number", issued.trackingNumber());
        body.put("customer_id", request.customerId().toString());
        body.put("origin_country_id", request.originCountryId());
        body.put("destination_country_id", request.destinationCountryId());
        body.put("created_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        return ResponseEntity.created(URI.create("/api/tracking-numbers/" + issued.trackingNumber())).body(body);
    }

    @GetMapping("/api/tracking-numbers/{number}")
    ResponseEntity<Map<String, Object>> find(@PathVariable("number") String number) {
        return generator.find(number).map(TrackingNumberController::stored).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("detail", "Not found.")));
    }

    private static Map<String, Object> stored(IssuedTrackingNumber issued) {
        ShipmentRequest r = issued.request();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracking_number", issued.trackingNumber());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        body.put("origin_country_id", r.originCountryId());
        body.put("destination_country_id", r.destinationCountryId());
        body.put("weight", r.weightKg() == null ? null : r.weightKg().toPlainString());
        body.put("created_at", r.createdAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.createdAt()));
        body.put("customer_id", r.customerId() == null ? null : r.customerId().toString());
        body.put("customer_name", r.customerName());
        body.put("customer_slug", r.customerSlug());
        return body;
    }

    /** 400 with every bad field and its messages (the library's), in the API's field order. */
    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException e) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            errors.computeIfAbsent(error.field(), f -> new ArrayList<>()).add(error.message());
        }
        return ResponseEntity.badRequest().body(Map.of("errors", errors));
    }

    /** 503: retrying is safe, a number whose write may have committed is never handed out again. */
    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<Map<String, Object>> unavailable(StoreUnavailableException e) {
        LOG.warn("store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Map.of("detail", "Service temporarily unavailable, try again later."));
    }
}
