package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.tracknum.ValidRequests.errorsOf;
import static org.tracknum.ValidRequests.parameters;
import static org.tracknum.ValidRequests.parametersWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ShipmentRequest#fromParameters}: parsing and validation of the API's string parameters. */
class FromParametersTest {

    private static FieldError onlyError(Map<String, String> parameters) {
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(parameters));
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void validParametersGiveTheCanonicalRequest() {
        ShipmentRequest r = ShipmentRequest.fromParameters(parameters());
        assertThat(r.originCountryId()).isEqualTo("MY");
        assertThat(r.destinationCountryId()).isEqualTo("ID");
        assertThat(r.weightKg()).isEqualTo(new BigDecimal("1.500"));
        assertThat(r.createdAt()).isEqualTo(OffsetDateTime.parse("2018-11-20T19:29:32+08:00"));
        assertThat(r.customerId()).isEqualTo(ValidRequests.CUSTOMER);
        assertThat(r.customerName()).isEqualTo(ValidRequests.NAME);
        assertThat(r.customerSlug()).isEqualTo("red-box-2");
    }

    @Test
    void everyFieldWrongGivesSevenErrorsInApiOrder() {
        Map<String, String> p = new HashMap<>();
        p.put("origin_country_id", "XX");
        p.put("destination_country_id", "UK");
        p.put("weight", "1e2");
        p.put("created_at", "yesterday");
        p.put("customer_id", "1-1-1-1-1");
        p.put("customer_name", "   ");
        p.put("customer_slug", "veera_veera");
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(p));
        assertThat(errors).extracting(FieldError::field).containsExactly("origin_country_id",
                "destination_country_id", "weight", "created_at", "customer_id", "customer_name", "customer_slug");
        assertThat(errors).extracting(FieldError::message).containsExactly(CountryCode.MESSAGE, CountryCode.MESSAGE,
                ShipmentWeight.NOT_PLAIN, Rfc3339DateTime.NOT_RFC_3339, CanonicalUuid.MESSAGE, CustomerName.BLANK,
                CustomerSlug.NOT_KEBAB);
        assertThat(errors).extracting(FieldError::rejectedValue).containsExactly("XX", "UK", "1e2", "yesterday",
                "1-1-1-1-1", null, "veera_veera");
    }

    @Test
    void missingParametersAreRequiredAndUnknownOnesIgnored() {
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(Map.of("originCountryId", "MY",
                "ORIGIN_COUNTRY_ID", "MY", "tracking_number", "MYID123")));
        assertThat(errors).hasSize(7).allSatisfy(e -> {
            assertThat(e.message()).isEqualTo("is required");
            assertThat(e.rejectedValue()).isNull();
        });
        Map<String, String> p = parametersWith("format", "json");
        p.put("Weight", "oops");
        assertThat(ShipmentRequest.fromParameters(p).weightKg()).isEqualTo(new BigDecimal("1.500"));
    }

    @Test
    void emptyOrNullValuesCountAsMissing() {
        Map<String, String> p = parametersWith("weight", "");
        p.put("customer_slug", null);
        assertThat(errorsOf(() -> ShipmentRequest.fromParameters(p)))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("weight", "is required"), tuple("customer_slug", "is required"));
    }

    @Test
    void parseFailuresAreReportedTogetherWithBrokenRulesOfOtherFields() {
        Map<String, String> p = parametersWith("weight", "1e2");
        p.put("origin_country_id", "UK");
        p.put("created_at", "2018-11-20T19:29:32+08:0");
        p.put("customer_slug", "RedBox");
        assertThat(errorsOf(() -> ShipmentRequest.fromParameters(p))).extracting(FieldError::field)
                .containsExactly("origin_country_id", "weight", "created_at", "customer_slug");
    }

    @Test
    void nullMapIsAProgrammingError() {
        assertThatThrownBy(() -> ShipmentRequest.fromParameters(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({"MY,MY", "my,MY", "mY,MY", "GB,GB", "us,US", "SS,SS", "sx,SX", "AX,AX", "zw,ZW"})
    void assignedCountryCodesAreAcceptedInUpperCase(String given, String canonical) {
        Map<String, String> p = parametersWith("origin_country_id", given);
        p.put("destination_country_id", given);
        ShipmentRequest r = ShipmentRequest.fromParameters(p);
        assertThat(r.originCountryId()).isEqualTo(canonical);
        assertThat(r.destinationCountryId()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "12", "ßß", "Ä", "M", "y", "MYS", "UK", "uk", "EU", "UN", "XK", "AN", "ZZ", "ıt",
        "ſe", " MY", "MY ", "M1", "ＭＹ", "M-"})
    void otherCountryCodesAreRejected(String code) {
        FieldError e = onlyError(parametersWith("destination_country_id", code));
        assertThat(e.field()).isEqualTo("destination_country_id");
        assertThat(e.message()).isEqualTo(CountryCode.MESSAGE);
        assertThat(e.rejectedValue()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"1,1.000", "1.5,1.500", "0.001,0.001", "1.2340,1.234", "99999.999,99999.999", "007,7.000",
        "99999.9990,99999.999", "0.0010,0.001", "12345,12345.000"})
    void plainDecimalWeightsAreAcceptedWithScaleThree(String given, String canonical) {
        BigDecimal weight = ShipmentRequest.fromParameters(parametersWith("weight", given)).weightKg();
        assertThat(weight.toPlainString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2", "1E2", "+1", "-1", "１２", "NaN", "Infinity", " 1", "1 ", ".5", "1.", "1.2.3", "1,5",
        "0x10", "1_000", "٣", "1\u00A0"})
    void weightsThatAreNotPlainDecimalsAreRejected(String weight) {
        FieldError e = onlyError(parametersWith("weight", weight));
        assertThat(e.field()).isEqualTo("weight");
        assertThat(e.message()).isEqualTo(ShipmentWeight.NOT_PLAIN);
    }

    @ParameterizedTest
    @CsvSource({"0,must be greater than 0", "0.000,must be greater than 0", "1.2345,must have at most 3 decimal places",
        "0.0001,must have at most 3 decimal places", "100000,must be at most 99999.999",
        "99999.9991,must be at most 99999.999"})
    void weightsOutsideTheRulesAreRejected(String weight, String message) {
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(parametersWith("weight", weight)));
        assertThat(errors).extracting(FieldError::message).contains(message);
        assertThat(errors).allSatisfy(e -> assertThat(e.rejectedValue()).isEqualTo(weight));
    }

    @Test
    void aWeightBreakingTwoRulesGetsBothMessagesInAFixedOrder() {
        assertThat(errorsOf(() -> ShipmentRequest.fromParameters(parametersWith("weight", "123456.1234"))))
                .extracting(FieldError::message)
                .containsExactly(ShipmentWeight.TOO_HEAVY, ShipmentWeight.TOO_PRECISE);
    }

    @Test
    void hugeWeightsAreJudgedWithoutParsingThemWhole() {
        String tooHeavy = "1" + "0".repeat(200_000);
        String tooPrecise = "0." + "0".repeat(200_000) + "1";
        String paddedButFine = "0".repeat(200_000) + "1.5" + "0".repeat(200_000);
        assertThat(onlyError(parametersWith("weight", tooHeavy)).message()).isEqualTo(ShipmentWeight.TOO_HEAVY);
        assertThat(onlyError(parametersWith("weight", tooPrecise)).message()).isEqualTo(ShipmentWeight.TOO_PRECISE);
        assertThat(ShipmentRequest.fromParameters(parametersWith("weight", paddedButFine)).weightKg())
                .isEqualTo(new BigDecimal("1.500"));
    }

    @ParameterizedTest
    @CsvSource({
        "2018-11-20T19:29:32+08:00, 2018-11-20T19:29:32+08:00",
        "2018-11-20T19:29:32Z, 2018-11-20T19:29:32Z",
        "2018-11-20T19:29:32.123456Z, 2018-11-20T19:29:32.123456Z",
        "'2018-11-20T19:29:32 08:00', 2018-11-20T19:29:32+08:00",
        "'2018-11-20T19:29:32.5 05:45', 2018-11-20T19:29:32.5+05:45",
        "2018-11-20t19:29:32z, 2018-11-20T19:29:32Z",
        "2018-11-20T19:29:32-03:30, 2018-11-20T19:29:32-03:30",
        "2018-11-20T19:29:32.1+05:45, 2018-11-20T19:29:32.1+05:45",
        "2024-02-29T00:00:00+18:00, 2024-02-29T00:00:00+18:00",
        "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999-18:00, 9999-12-31T23:59:59.999999-18:00",
        "2018-11-20T19:29:32.123456789Z, 2018-11-20T19:29:32.123456Z"})
    void rfc3339DateTimesAreAcceptedWithTheirOffset(String given, String expected) {
        OffsetDateTime createdAt = ShipmentRequest.fromParameters(parametersWith("created_at", given)).createdAt();
        OffsetDateTime want = OffsetDateTime.parse(expected);
        assertThat(createdAt).isEqualTo(want);
        assertThat(createdAt.getOffset()).isEqualTo(want.getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-11-20T19:29:32+08:0", "2018-13-45T99:99:99Z", "yesterday", "2018-11-20T19:29:32",
        "2018-11-20 19:29:32Z", "2018-11-20T19:29Z", "2018-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2018-11-20T24:00:00Z", "2016-12-31T23:59:60Z", "2018-11-20T19:29:32.Z", "2018-11-20T19:29:32.1234567890Z",
        "2018-11-20T19:29:32+0800", "2018-11-20T19:29:32+19:00", "2018-11-20T19:29:32+08:60",
        "2018-11-20T19:29:32+08:00:00", "+12018-11-20T19:29:32Z", "２018-11-20T19:29:32Z", "2018-11-20T19:29:32UTC",
        "2018-11-20T19:29:32 Z", "2018-11-20T19:29:32+08:00 ", " 2018-11-20T19:29:32Z", "2018-1-20T19:29:32Z",
        "2018-11-20T19:29:32.1a+08:00", "1542713372", "2018-11-20T19:29:32+08:00[Asia/Kuala_Lumpur]"})
    void otherDateTimesAreRejected(String createdAt) {
        FieldError e = onlyError(parametersWith("created_at", createdAt));
        assertThat(e.field()).isEqualTo("created_at");
        assertThat(e.message()).isEqualTo(Rfc3339DateTime.NOT_RFC_3339);
        assertThat(e.rejectedValue()).isEqualTo(createdAt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
        "00000000-0000-0000-0000-000000000000", "ffffffff-FFFF-ffff-FFFF-ffffffffffff"})
    void canonicalUuidsAreAcceptedInEitherCase(String id) {
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_id", id)).customerId())
                .isEqualTo(UUID.fromString(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{123e4567-e89b-12d3-a456-426614174000}", "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
        "123e4567e89b12d3a456426614174000", "1-1-1-1-1", "123e4567-e89b-12d3-a456-42661417400g",
        "123e4567-e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456-42661417400",
        " 123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a4564-26614174000",
        "１23e4567-e89b-12d3-a456-426614174000", "+23e4567-e89b-12d3-a456-426614174000",
        "123e4567_e89b_12d3_a456_426614174000"})
    void otherUuidFormsAreRejected(String id) {
        FieldError e = onlyError(parametersWith("customer_id", id));
        assertThat(e.field()).isEqualTo("customer_id");
        assertThat(e.message()).isEqualTo(CanonicalUuid.MESSAGE);
    }

    static Stream<Arguments> acceptedNames() {
        return Stream.of(arguments("Bob", "Bob"), arguments("  Bob  ", "Bob"), arguments("Zoë 山田", "Zoë 山田"),
                arguments("O'Brien & Søn", "O'Brien & Søn"), arguments("Bob\n", "Bob"),
                arguments("\u00A0Bob\u3000", "Bob"), arguments("Zoe\u0308", "Zo\u00EB"),
                arguments("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"));
    }

    @ParameterizedTest
    @MethodSource("acceptedNames")
    void namesAreAcceptedAndStripped(String given, String kept) {
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_name", given)).customerName())
                .isEqualTo(kept);
    }

    static Stream<Arguments> rejectedNames() {
        return Stream.of(arguments(" \t ", CustomerName.BLANK), arguments("\u2003", CustomerName.BLANK),
                arguments("a\tb", CustomerName.CONTROL), arguments("a\u0000b", CustomerName.CONTROL),
                arguments("a\u0085b", CustomerName.CONTROL), arguments("a\u007Fb", CustomerName.CONTROL),
                arguments("a\nb", CustomerName.CONTROL), arguments("a\u202Ab", CustomerName.CONTROL),
                arguments("a\u202Eb", CustomerName.CONTROL), arguments("a\u2066b", CustomerName.CONTROL),
                arguments("a\u2069b", CustomerName.CONTROL), arguments("a\uD800b", CustomerName.SURROGATE),
                arguments("a\uDC00", CustomerName.SURROGATE));
    }

    @ParameterizedTest
    @MethodSource("rejectedNames")
    void badNamesAreRejectedWithoutTheirValue(String name, String message) {
        FieldError e = onlyError(parametersWith("customer_name", name));
        assertThat(e.field()).isEqualTo("customer_name");
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.rejectedValue()).isNull();
    }

    @Test
    void namesMayHave255CodePointsButNotMore() {
        String longest = "\uD83D\uDCE6".repeat(255);
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_name", longest)).customerName())
                .isEqualTo(longest);
        FieldError e = onlyError(parametersWith("customer_name", longest + "x"));
        assertThat(e.message()).isEqualTo(CustomerName.TOO_LONG);
        assertThat(e.rejectedValue()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"red-box-2", "redbox", "a", "0", "a-b", "2-3-4", "veera"})
    void kebabCaseSlugsAreAcceptedAsGiven(String slug) {
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_slug", slug)).customerSlug())
                .isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"veera_veera", "redbox-", "-redbox", "red--box", "RedBox", "red box", " redbox", "ä",
        "-", "red.box", "ｒｅｄ"})
    void otherSlugsAreRejected(String slug) {
        FieldError e = onlyError(parametersWith("customer_slug", slug));
        assertThat(e.field()).isEqualTo("customer_slug");
        assertThat(e.message()).isEqualTo(CustomerSlug.NOT_KEBAB);
    }

    @Test
    void slugsMayHave255CharactersButNotMore() {
        String longest = "a-" + "b".repeat(253);
        assertThat(ShipmentRequest.fromParameters(parametersWith("customer_slug", longest)).customerSlug())
                .isEqualTo(longest);
        assertThat(onlyError(parametersWith("customer_slug", longest + "c")).message())
                .isEqualTo(CustomerSlug.TOO_LONG);
    }

    @Test
    void aLongHyphenatedSlugIsCheckedWithoutRecursion() {
        String slug = "a-".repeat(500_000) + "a";
        assertThat(onlyError(parametersWith("customer_slug", slug)).message()).isEqualTo(CustomerSlug.TOO_LONG);
    }

    @Test
    void rejectedValuesAreCleanedAndShortened() {
        Map<String, String> p = parametersWith("customer_slug", "X".repeat(100));
        p.put("origin_country_id", "M\u0007\u202EY\r\n");
        p.put("customer_id", "\uD83D\uDCE6".repeat(70));
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(p));
        assertThat(errors).extracting(FieldError::rejectedValue).containsExactly("MY",
                "\uD83D\uDCE6".repeat(64) + "…", "X".repeat(64) + "…");
    }

    @Test
    void zoneOffsetOfTheResultIsTheGivenOne() {
        OffsetDateTime createdAt = ShipmentRequest.fromParameters(
                parametersWith("created_at", "2018-11-20T19:29:32-09:30")).createdAt();
        assertThat(createdAt.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-9, -30));
    }
}
