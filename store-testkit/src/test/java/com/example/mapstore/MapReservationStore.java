package com.example.mapstore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.StoredRequests;

/**
 * A store as a third party would write one, outside Tracknum's packages, against the public SPI
 * only: each number is kept as a row of text columns (as a database would keep it) and rebuilt
 * with {@link StoredRequests#restore} on {@link #find}. Its contract test is
 * {@link MapReservationStoreContractTest}. It does not keep idempotency keys (the SPI's default),
 * so the contract checks that the generator refuses keyed calls on it; a store that keeps keys
 * overrides {@code supportsIdempotencyKeys()} and {@code findByIdempotencyKey} and its test
 * extends {@code IdempotencyContract}.
 */
public final class MapReservationStore implements ReservationStore {
    private final ConcurrentMap<String, Row> rows = new ConcurrentHashMap<>();

    /** One stored number: the reservation id that owns it and the request's fields as text. */
    private record Row(UUID reservationId, String origin, String destination, String weight, String createdAt,
                       String customerId, String customerName, String customerSlug, String issuedAt) {

        static Row of(Reservation r) {
            ShipmentRequest q = r.request();
            return new Row(r.reservationId(), q.originCountryId(), q.destinationCountryId(),
                    q.weightKg().toPlainString(), q.createdAt().toString(), q.customerId().toString(),
                    q.customerName(), q.customerSlug(), r.issuedAt().toString());
        }

        IssuedTrackingNumber issued(String trackingNumber) {
            ShipmentRequest request = StoredRequests.restore(origin, destination, new BigDecimal(weight),
                    OffsetDateTime.parse(createdAt), UUID.fromString(customerId), customerName, customerSlug);
            return new IssuedTrackingNumber(trackingNumber, request, Instant.parse(issuedAt));
        }
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        List<ReservationOutcome> outcomes = new ArrayList<>(batch.size());
        for (Reservation r : batch) {
            Row stored = rows.putIfAbsent(r.trackingNumber(), Row.of(r));
            outcomes.add(stored == null || stored.reservationId().equals(r.reservationId())
                    ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
        }
        return outcomes;
    }

    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        List<ReservationOutcome> verdicts = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            Row stored = rows.get(r.trackingNumber());
            verdicts.add(stored != null && stored.reservationId().equals(r.reservationId())
                    ? ReservationOutcome.RESERVED : ReservationOutcome.TAKEN);
        }
        return verdicts;
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        return Optional.ofNullable(rows.get(trackingNumber)).map(row -> row.issued(trackingNumber));
    }

    @Override
    public void ping() {
        // always reachable
    }

    @Override
    public String describe() {
        return "map store (" + rows.size() + " numbers)";
    }

    @Override
    public void close() {
        rows.clear();
    }
}
