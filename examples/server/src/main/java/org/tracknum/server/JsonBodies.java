package org.tracknum.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;

/** The JSON documents the API answers with (snake_case, UTF-8). Times are RFC 3339. */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonBodies() {
    }

    /** The reference's 201 body; {@code created_at} is when the number was issued. */
    record Issued(String trackingNumber, String customerId, String originCountryId, String destinationCountryId,
                  String createdAt) {
        static Issued of(IssuedTrackingNumber issued) {
            ShipmentRequest request = issued.request();
            return new Issued(issued.trackingNumber(), request.customerId().toString(), request.originCountryId(),
                    request.destinationCountryId(), DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        }
    }

    /**
     * A stored number with its request as given: {@code created_at} is the shipment's own time with its
     * offset, {@code issued_at} when the number was issued, {@code weight} a decimal string (scale 3).
     */
    record Stored(String trackingNumber, String issuedAt, String originCountryId, String destinationCountryId,
                  String weight, String createdAt, String customerId, String customerName, String customerSlug) {
        static Stored of(IssuedTrackingNumber issued) {
            ShipmentRequest r = issued.request();
            return new Stored(issued.trackingNumber(), DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()),
                    r.originCountryId(), r.destinationCountryId(),
                    r.weightKg() == null ? null : r.weightKg().toPlainString(),
                    r.createdAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.createdAt()),
                    r.customerId() == null ? null : r.customerId().toString(), r.customerName(), r.customerSlug());
        }
    }

    /** {@code 400}: every bad field with its messages; {@code more_errors} counts the fields not listed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Errors(Map<String, List<String>> errors, Integer moreErrors) {
    }

    /** {@code 201} of a list: one {@link Issued} per shipment, in the order of the request. */
    record IssuedList(List<Issued> shipments) {
        static IssuedList of(List<IssuedTrackingNumber> issued) {
            List<Issued> bodies = new java.util.ArrayList<>(issued.size());
            issued.forEach(number -> bodies.add(Issued.of(number)));
            return new IssuedList(bodies);
        }
    }

    /**
     * A list issued in part: the error shape ({@code detail}, {@code code}) with every number that
     * was issued, by the index of its item, and every item that was not, with its own code.
     */
    record PartialIssue(String detail, String code, List<IssuedItem> issued, List<FailedItem> failed) {
    }

    /** An issued item of a {@link PartialIssue}: its index and the fields of {@link Issued}. */
    record IssuedItem(int index, String trackingNumber, String customerId, String originCountryId,
                      String destinationCountryId, String createdAt) {
        static IssuedItem of(int index, IssuedTrackingNumber issued) {
            Issued body = Issued.of(issued);
            return new IssuedItem(index, body.trackingNumber(), body.customerId(), body.originCountryId(),
                    body.destinationCountryId(), body.createdAt());
        }
    }

    /** A failed item of a {@link PartialIssue}: its index and why, as an error {@code code}. */
    record FailedItem(int index, String code) {
    }

    /**
     * Every other error: {@code detail} is the Django REST framework reference's message member, {@code
     * code} a stable machine-readable name (see docs/server.md). The one answer without a code is
     * the generic 500, which by design says nothing about its cause.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String detail, String code) {
    }

    record Health(String status, String store, boolean storeReachable) {
    }

    static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
