package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracknum.ValidRequests.CUSTOMER;
import static org.tracknum.ValidRequests.NAME;
import static org.tracknum.ValidRequests.createdAt;
import static org.tracknum.ValidRequests.errorsOf;
import static org.tracknum.ValidRequests.typed;
import static org.tracknum.ValidRequests.withCountries;
import static org.tracknum.ValidRequests.withCreatedAt;
import static org.tracknum.ValidRequests.withName;
import static org.tracknum.ValidRequests.withSlug;
import static org.tracknum.ValidRequests.withWeight;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.spi.StoredRequests;

/** The canonical constructor: typed values, the same rules, canonical forms; and StoredRequests.restore(). */
class ShipmentRequestValidationTest {

    @Test
    void validTypedValuesAreKeptInCanonicalForm() {
        ShipmentRequest r = typed("my", "iD", new BigDecimal("1.5"),
                OffsetDateTime.parse("2018-11-20T19:29:32.123456789+08:00"), CUSTOMER, "\u00A0 Veera Dasari\t", "red-box-2");
        assertThat(r.originCountryId()).isEqualTo("MY");
        assertThat(r.destinationCountryId()).isEqualTo("ID");
        assertThat(r.weightKg()).isEqualTo(new BigDecimal("1.500"));
        assertThat(r.createdAt()).isEqualTo(OffsetDateTime.parse("2018-11-20T19:29:32.123456+08:00"));
        assertThat(r.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(r.customerName()).isEqualTo(NAME);
        assertThat(r).isEqualTo(typed("MY", "ID", new BigDecimal("1.500"),
                OffsetDateTime.parse("2018-11-20T19:29:32.123456+08:00"), CUSTOMER, NAME, "red-box-2"));
    }

    @Test
    void nullFieldsMustNotBeNullAndAreListedInApiOrder() {
        List<FieldError> errors = errorsOf(() -> typed(null, null, null, null, null, null, null));
        assertThat(errors).extracting(FieldError::field).containsExactly("origin_country_id",
                "destination_country_id", "weight", "created_at", "customer_id", "customer_name", "customer_slug");
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.message()).isEqualTo("must not be null");
            assertThat(e.rejectedValue()).isNull();
        });
    }

    @Test
    void everyTypedFieldWrongGivesOneErrorPerFieldInApiOrder() {
        List<FieldError> errors = errorsOf(() -> typed("UK", "ßß", new BigDecimal("0"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z"), null, "", "RedBox"));
        assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("origin_country_id", CountryCode.MESSAGE),
                org.assertj.core.groups.Tuple.tuple("destination_country_id", CountryCode.MESSAGE),
                org.assertj.core.groups.Tuple.tuple("weight", ShipmentWeight.NOT_POSITIVE),
                org.assertj.core.groups.Tuple.tuple("created_at", Rfc3339DateTime.NOT_EXPRESSIBLE),
                org.assertj.core.groups.Tuple.tuple("customer_id", "must not be null"),
                org.assertj.core.groups.Tuple.tuple("customer_name", CustomerName.BLANK),
                org.assertj.core.groups.Tuple.tuple("customer_slug", CustomerSlug.NOT_KEBAB));
        assertThat(errors).extracting(FieldError::rejectedValue).containsExactly("UK", "ßß", "0",
                "+10000-01-01T00:00Z", null, null, "RedBox");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "12", "ßß", "Ä", "M", "UK", "EU", "XK", "ıt", "MY "})
    void unassignedCountryCodesAreRejected(String code) {
        assertThat(errorsOf(() -> withCountries("MY", code))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("destination_country_id"));
    }

    @ParameterizedTest
    @CsvSource({"1,1.000", "1.5,1.500", "0.001,0.001", "1.2340,1.234", "1E+2,100.000", "99999.999,99999.999",
        "99999.9990000,99999.999"})
    void typedWeightsFollowTheValueRulesOnly(String given, String canonical) {
        assertThat(withWeight(new BigDecimal(given)).weightKg()).isEqualTo(new BigDecimal(canonical))
                .satisfies(w -> assertThat(w.scale()).isEqualTo(3));
    }

    @ParameterizedTest
    @CsvSource({"0,must be greater than 0", "0E+3,must be greater than 0", "-1,must be greater than 0",
        "1.2345,must have at most 3 decimal places", "100000,must be at most 99999.999",
        "99999.9991,must be at most 99999.999", "1E+1000000,must be at most 99999.999"})
    void typedWeightsBreakingARuleAreRejected(String weight, String message) {
        assertThat(errorsOf(() -> withWeight(new BigDecimal(weight)))).extracting(FieldError::message).contains(message);
    }

    @Test
    void aHugeTypedWeightIsNotExpandedInTheRejectedValue() {
        assertThat(errorsOf(() -> withWeight(new BigDecimal("1E+1000000")))).singleElement()
                .satisfies(e -> assertThat(e.rejectedValue()).isEqualTo("1E+1000000"));
        assertThat(errorsOf(() -> withWeight(new BigDecimal("-0.00001")))).extracting(FieldError::rejectedValue)
                .containsOnly("-0.00001");
    }

    @Test
    void typedCreationTimesMustBeExpressibleInRfc3339() {
        assertThat(withCreatedAt(OffsetDateTime.parse("0000-01-01T00:00:00-18:00")).createdAt().getYear()).isZero();
        assertThat(withCreatedAt(OffsetDateTime.parse("9999-12-31T23:59:59+18:00")).createdAt().getYear())
                .isEqualTo(9999);
        for (OffsetDateTime bad : List.of(OffsetDateTime.parse("+10000-01-01T00:00:00Z"),
                OffsetDateTime.parse("-0001-12-31T23:59:59Z"), OffsetDateTime.MAX, OffsetDateTime.MIN,
                createdAt().withOffsetSameLocal(ZoneOffset.ofHoursMinutesSeconds(1, 0, 30)))) {
            assertThat(errorsOf(() -> withCreatedAt(bad))).singleElement()
                    .satisfies(e -> assertThat(e.message()).isEqualTo(Rfc3339DateTime.NOT_EXPRESSIBLE));
        }
    }

    @Test
    void typedNamesFollowTheSameRules() {
        assertThat(withName("  Zoë 山田 ").customerName()).isEqualTo("Zoë 山田");
        assertThat(withName("\uD83D\uDCE6".repeat(255)).customerName()).hasSize(510);
        assertThat(errorsOf(() -> withName("\uD83D\uDCE6".repeat(256)))).extracting(FieldError::message)
                .containsExactly(CustomerName.TOO_LONG);
        assertThat(errorsOf(() -> withName(" \t\u00A0"))).extracting(FieldError::message)
                .containsExactly(CustomerName.BLANK);
        assertThat(errorsOf(() -> withName("a\u202Eb\uD800" + "x".repeat(300)))).extracting(FieldError::message)
                .containsExactly(CustomerName.TOO_LONG, CustomerName.SURROGATE, CustomerName.CONTROL);
    }

    @Test
    void typedSlugsFollowTheSameRules() {
        assertThat(withSlug("red-box-2").customerSlug()).isEqualTo("red-box-2");
        for (String bad : List.of("veera_veera", "redbox-", "red--box", "RedBox", "", " red-box")) {
            assertThat(errorsOf(() -> withSlug(bad))).extracting(FieldError::message)
                    .containsExactly(CustomerSlug.NOT_KEBAB);
        }
        assertThat(errorsOf(() -> withSlug("A".repeat(256)))).extracting(FieldError::message)
                .containsExactly(CustomerSlug.TOO_LONG, CustomerSlug.NOT_KEBAB);
    }

    @Test
    void restoreSkipsValidationAndCanonicalisation() {
        ShipmentRequest stored = StoredRequests.restore("uk", "XX", new BigDecimal("-1.23456"),
                OffsetDateTime.parse("2018-11-20T19:29:32.123456789+08:00"), null, "  ", "Not_A_Slug");
        assertThat(stored.originCountryId()).isEqualTo("uk");
        assertThat(stored.weightKg()).isEqualTo(new BigDecimal("-1.23456"));
        assertThat(stored.createdAt().getNano()).isEqualTo(123_456_789);
        assertThat(stored.customerName()).isEqualTo("  ");
        assertThat(errorsOf(() -> withCountries("uk", "XX"))).hasSize(2);
    }

    @Test
    void aRestoredRequestEqualsTheValidatedRequestItWasStoredFrom() {
        ShipmentRequest issued = typed("my", "ID", new BigDecimal("1.5"), createdAt(), CUSTOMER, " " + NAME, "red-box-2");
        ShipmentRequest stored = StoredRequests.restore(issued.originCountryId(), issued.destinationCountryId(),
                issued.weightKg(), issued.createdAt(), issued.customerId(), issued.customerName(), issued.customerSlug());
        assertThat(stored).isEqualTo(issued).hasSameHashCodeAs(issued).hasToString(issued.toString());
        assertThat(stored.toString()).doesNotContain(NAME);
    }

    @Test
    void everyPublicWayToBuildARequestValidates() {
        assertThat(Arrays.stream(ShipmentRequest.class.getConstructors())).hasSize(1);
        assertThat(errorsOf(() -> new ShipmentRequest(null, null, null, null, null, null, null))).hasSize(7);
        assertThat(Arrays.stream(ShipmentRequest.class.getDeclaredFields()).map(Field::getType))
                .doesNotContain(ThreadLocal.class);
    }

    @Test
    void equalInputsGiveEqualRequests() {
        ShipmentRequest typed = typed("MY", "ID", new BigDecimal("1.50"), createdAt(), CUSTOMER, NAME, "red-box-2");
        ShipmentRequest parsed = ShipmentRequest.fromParameters(ValidRequests.parameters());
        assertThat(parsed).isEqualTo(typed).hasSameHashCodeAs(typed);
    }
}
