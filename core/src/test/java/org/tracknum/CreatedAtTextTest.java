package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracknum.ValidRequests.parametersWith;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracknum.spi.StoredRequests;

/** created_at decisions of issue 15: seconds always written, -00:00 rejected, leap seconds, years. */
class CreatedAtTextTest {

    @ParameterizedTest
    @CsvSource({
        "2018-11-20T19:29Z, 2018-11-20T19:29:00Z",
        "2018-11-20T19:29:00+08:00, 2018-11-20T19:29:00+08:00",
        "2018-11-20T00:00:00.5-03:30, 2018-11-20T00:00:00.5-03:30",
        "2018-11-20T19:29:32.123456Z, 2018-11-20T19:29:32.123456Z",
        "2018-11-20T19:29:32.120Z, 2018-11-20T19:29:32.12Z",
        "0000-01-01T00:00:00-18:00, 0000-01-01T00:00:00-18:00",
        "9999-12-31T23:59:59.999999+18:00, 9999-12-31T23:59:59.999999+18:00"})
    void storesAlwaysWriteSeconds(String value, String text) {
        OffsetDateTime createdAt = OffsetDateTime.parse(value);
        assertThat(StoredRequests.createdAtText(createdAt)).isEqualTo(text);
        OffsetDateTime back = StoredRequests.parseCreatedAt(text);
        assertThat(back).isEqualTo(createdAt);
        assertThat(back.getOffset()).isEqualTo(createdAt.getOffset());
        // what a strict RFC 3339 reader accepts
        assertThat(ParameterSyntax.createdAt(text)).isEqualTo(createdAt);
    }

    @Test
    void theSecondsLessTextOfEarlierVersionsIsStillRead() {
        assertThat(StoredRequests.parseCreatedAt("2018-11-20T19:29Z")).isEqualTo(OffsetDateTime.parse("2018-11-20T19:29:00Z"));
        assertThat(StoredRequests.parseCreatedAt("2018-11-20T19:29+08:00").getOffset().getId()).isEqualTo("+08:00");
    }

    @Test
    void storedTextIsBoundedAndNeverQuoted() {
        assertThatThrownBy(() -> StoredRequests.parseCreatedAt("2018-11-20T19:29:00Z" + " ".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("created_at is too long");
        assertThatThrownBy(() -> StoredRequests.parseCreatedAt("Secret 2018"))
                .hasMessageNotContaining("Secret");
    }

    @Test
    void unknownLocalOffsetIsRejectedWithItsOwnMessage() {
        InvalidRequestException e = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ShipmentRequest.fromParameters(parametersWith("created_at", "2018-11-20T19:29:32-00:00")));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("created_at");
            assertThat(error.message()).isEqualTo(Rfc3339DateTime.UNKNOWN_OFFSET);
        });
        // +00:00 and Z are the same known offset
        assertThat(ShipmentRequest.fromParameters(parametersWith("created_at", "2018-11-20T19:29:32+00:00"))
                .createdAt()).isEqualTo(OffsetDateTime.parse("2018-11-20T19:29:32Z"));
        assertThat(ParameterSyntax.createdAt("2018-11-20T19:29:32.5-00:00")).isNull();
    }

    @Test
    void leapSecondsAndFiveDigitYearsAreNotDateTimesOfThisApi() {
        for (String text : new String[] {"2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5+00:00", "10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z"}) {
            InvalidRequestException e = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ShipmentRequest.fromParameters(parametersWith("created_at", text)));
            assertThat(e.errors()).extracting(FieldError::message).as(text).containsExactly(Rfc3339DateTime.NOT_RFC_3339);
        }
        assertThatThrownBy(() -> ValidRequests.withCreatedAt(OffsetDateTime.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(Rfc3339DateTime.NOT_EXPRESSIBLE);
        assertThatThrownBy(() -> ValidRequests.withCreatedAt(OffsetDateTime.parse("-0001-12-31T00:00:00Z")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(Rfc3339DateTime.NOT_EXPRESSIBLE);
    }

    @Test
    void storedWeightsAreParsedOnlyWhenSmall() {
        assertThat(StoredRequests.parseWeight("1.500")).isEqualByComparingTo("1.5");
        assertThat(StoredRequests.parseWeight("2")).isEqualByComparingTo("2");
        for (String bad : new String[] {"1E+999999999", "1e-2147483648", "9".repeat(100), "NaN", "", " 1", "0x10"}) {
            assertThatThrownBy(() -> StoredRequests.parseWeight(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
        }
    }
}
