package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.ShipmentRequest;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.StoredRequests;
import org.tracknum.testkit.TestRequests;

class StoredValueTest {

    private static Reservation reservation(ShipmentRequest request) {
        return new Reservation(UUID.randomUUID(), "MYID0123456789AB", request, Instant.parse("2026-11-27T10:15:30.123456789Z"));
    }

    @Test
    void decodesEveryFieldAsGiven() {
        for (ShipmentRequest request : new ShipmentRequest[] {TestRequests.demanding(), TestRequests.westward(), TestRequests.unique()}) {
            Reservation reservation = reservation(request);
            IssuedTrackingNumber decoded = StoredValue.decode(reservation.trackingNumber(), StoredValue.encode(reservation));
            assertThat(decoded).isEqualTo(reservation.toIssued());
            assertThat(decoded.request().weightKg().scale()).isEqualTo(3);
            assertThat(decoded.request().createdAt().getOffset()).isEqualTo(request.createdAt().getOffset());
            assertThat(decoded.request().customerName()).isEqualTo(request.customerName());
        }
    }

    @Test
    void customerNameMayHoldTheSeparator() {
        ShipmentRequest request = new ShipmentRequest("MY", "ID", new BigDecimal("2.5"),
                OffsetDateTime.parse("2018-11-20T19:29+08:00"), UUID.randomUUID(), "A|B || C|", "a-b");
        Reservation reservation = reservation(request);
        String value = StoredValue.encode(reservation);
        assertThat(StoredValue.decode(reservation.trackingNumber(), value)).isEqualTo(reservation.toIssued());
        assertThat(StoredValue.token(value)).isEqualTo(reservation.reservationId().toString());
    }

    @Test
    void valueIsVersionedAndStartsWithTheToken() {
        Reservation reservation = reservation(TestRequests.westward());
        String value = StoredValue.encode(reservation);
        assertThat(value).startsWith("1|" + reservation.reservationId() + "|2026-11-27T10:15:30.123456789Z|CA|BR|0.001|"
                + "1999-12-31T20:30:00-03:30|");
        assertThat(value).endsWith("|obrien-son-1|O'Brien & Søn");
    }

    @Test
    void tokenOfAForeignValueIsNull() {
        assertThat(StoredValue.token("")).isNull();
        assertThat(StoredValue.token("1")).isNull();
        assertThat(StoredValue.token("1|")).isNull();
        assertThat(StoredValue.token("1|abc")).isNull();
        assertThat(StoredValue.token("2|abc|x")).isNull();
        assertThat(StoredValue.token("12|abc|x")).isNull();
        assertThat(StoredValue.token("hello world")).isNull();
    }

    @Test
    void foreignOrDamagedValuesAreRefusedWithoutEchoingThem() {
        Reservation reservation = reservation(TestRequests.unique());
        String value = StoredValue.encode(reservation);
        assertThatThrownBy(() -> StoredValue.decode("X", "2" + value.substring(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> StoredValue.decode("X", "some other application's value"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("application");
        assertThatThrownBy(() -> StoredValue.decode("X", value.replace("|1.250|", "|heavy|")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("RedBox");
    }

    @Test
    void anotherVersionIsReportedAsSuchAndAForeignValueIsNot() {
        String value = StoredValue.encode(reservation(TestRequests.unique()));
        assertThatThrownBy(() -> StoredValue.decode("X", "7" + value.substring(1) + "|extra field"))
                .isInstanceOf(StoredValue.UnknownVersion.class)
                .hasMessage("format version 7, which this Tracknum does not read (it reads versions 1 and 2)");
        assertThatThrownBy(() -> StoredValue.decode("X", "1|too|few"))
                .isNotInstanceOf(StoredValue.UnknownVersion.class).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredValue.decode("X", "hello|world"))
                .isNotInstanceOf(StoredValue.UnknownVersion.class).hasMessageContaining("no version");
    }

    @Test
    void aFieldHoldingTheSeparatorCannotBeEncoded() {
        ShipmentRequest broken = StoredRequests.restore("MY", "ID", new BigDecimal("1.000"),
                OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(), "Name", "slug|x");
        assertThatThrownBy(() -> StoredValue.encode(reservation(broken)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("customer_slug contains '|'");
        ShipmentRequest missing = StoredRequests.restore("MY", null, new BigDecimal("1.000"),
                OffsetDateTime.parse("2018-11-20T19:29:32+08:00"), UUID.randomUUID(), "Name", "slug");
        assertThatThrownBy(() -> StoredValue.encode(reservation(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("destination_country_id is missing");
    }

    @Test
    void createdAtIsWrittenWithSecondsAndSecondsLessValuesAreStillRead() {
        ShipmentRequest request = new ShipmentRequest("MY", "ID", new BigDecimal("2.5"),
                OffsetDateTime.parse("2018-11-20T19:29Z"), UUID.randomUUID(), "Zoë", "a-b");
        Reservation reservation = reservation(request);
        String value = StoredValue.encode(reservation);
        assertThat(value).contains("|2018-11-20T19:29:00Z|");
        String old = value.replace("|2018-11-20T19:29:00Z|", "|2018-11-20T19:29Z|");
        assertThat(StoredValue.decode(reservation.trackingNumber(), old)).isEqualTo(reservation.toIssued());
    }

    private static Reservation keyed(ShipmentRequest request, String key) {
        return new Reservation(UUID.randomUUID(), "MYID0123456789AB", request,
                Instant.parse("2026-11-27T10:15:30.123456789Z"), key);
    }

    @Test
    void aKeyedNumberIsVersionTwoAndReadsBackLikeVersionOne() {
        Reservation reservation = keyed(TestRequests.westward(), "label|run%7{a}");
        String value = StoredValue.encode(reservation);
        assertThat(value).startsWith("2|" + reservation.reservationId() + "|2026-11-27T10:15:30.123456789Z|CA|BR|0.001|")
                .endsWith("|obrien-son-1|MYID0123456789AB|label%7Crun%257%7Ba%7D|O'Brien & Søn");
        assertThat(StoredValue.decode(reservation.trackingNumber(), value)).isEqualTo(reservation.toIssued());
        assertThat(StoredValue.token(value)).isEqualTo(reservation.reservationId().toString());
        assertThat(StoredValue.keyedFields(value)).containsExactly(reservation.reservationId().toString(),
                "MYID0123456789AB", "label%7Crun%257%7Ba%7D", reservation.request().customerId().toString());
        Reservation plain = reservation(TestRequests.westward());
        assertThat(StoredValue.encode(plain)).startsWith("1|");
    }

    @Test
    void aVersionTwoValueIsCheckedAsStrictlyAsVersionOne() {
        String value = StoredValue.encode(keyed(TestRequests.unique(), "k"));
        assertThatThrownBy(() -> StoredValue.decode("OTHER0123456789A", value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another tracking number");
        String elevenFields = value.replace("|MYID0123456789AB|k|", "|MYID0123456789AB|");
        assertThatThrownBy(() -> StoredValue.decode("MYID0123456789AB", elevenFields))
                .isNotInstanceOf(StoredValue.UnknownVersion.class).hasMessageContaining("version 2, 11 fields");
        String hugeWeight = value.replaceFirst("\\|[0-9.]+\\|", "|1E+999999999|");
        assertThat(hugeWeight).contains("|1E+999999999|");
        assertThatThrownBy(() -> StoredValue.decode("MYID0123456789AB", hugeWeight))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("999999999").hasNoCause();
        assertThatThrownBy(() -> StoredValue.keyedFields(StoredValue.encode(reservation(TestRequests.unique()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a version-2 Tracknum claim");
    }

    @Test
    void valuesAreBoundedBeforeTheyAreParsed() {
        assertThatThrownBy(() -> StoredValue.text(new byte[StoredValue.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> StoredValue.text(new byte[] {'1', '|', (byte) 0xC3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the value is not UTF-8 text");
        String value = StoredValue.encode(reservation(TestRequests.westward()));
        String huge = value.replace("|0.001|", "|1E+999999999|");
        assertThatThrownBy(() -> StoredValue.decode("TN1", huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("999999999").hasNoCause();
    }
}
