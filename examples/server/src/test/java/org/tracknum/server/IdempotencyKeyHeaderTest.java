package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyHeaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"|8e03978e-40d5-43e8-bc93-6894a57f9324",
        "8e03978e-40d5-43e8-bc93-6894a57f9324|8e03978e-40d5-43e8-bc93-6894a57f9324",
        "order-4711|order-4711",
        "\"a\\\"b\\\\c\"|a\"b\\c",
        "\"with space\"|with space",
        "  \"padded\"  |padded",
        "a:b/c*d|a:b/c*d",
        "\"\"|"
    })
    void readsStructuredFieldStringsAndBareTokens(String value, String key) {
        IdempotencyKeyHeader header = IdempotencyKeyHeader.parse(List.of(value));
        assertThat(header.error()).isNull();
        assertThat(header.key()).isEqualTo(key == null ? "" : key);
        assertThat(header.present()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unterminated", "\"a\"b", "\"a\";p=1", "\"bad\\escape\"", "\"tab\there\"", "a,b", "a b",
        "a;b", "(x)", "\"\u00e9\"", "k\u00e9y", "a\"b"})
    void refusesWhatIsNeitherNamingTheRule(String value) {
        IdempotencyKeyHeader header = IdempotencyKeyHeader.parse(List.of(value));
        assertThat(header.key()).isNull();
        assertThat(header.error()).isEqualTo(IdempotencyKeyHeader.RULE);
        assertThat(header.present()).isTrue();
    }

    @Test
    void refusesTheHeaderGivenTwiceAndIsAbsentWithoutIt() {
        assertThat(IdempotencyKeyHeader.parse(List.of("a", "a")).error()).contains("only once");
        assertThat(IdempotencyKeyHeader.parse(List.of()).present()).isFalse();
        assertThat(IdempotencyKeyHeader.parse(null).present()).isFalse();
    }
}
