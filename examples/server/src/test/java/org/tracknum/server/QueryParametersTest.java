package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void decodesPlusAsSpaceAndPercentEscapesAsUtf8() {
        QueryParameters q = QueryParameters.parse("customer_name=Zo%C3%AB+Red%2BBox&weight=1.5");
        assertThat(q.values()).containsEntry("customer_name", "Zoë Red+Box").containsEntry("weight", "1.5");
        assertThat(q.errors()).isEmpty();
    }

    @Test
    void takesUnencodedBytesAsUtf8() {
        String rawUtf8AsRead = new String("山田".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(QueryParameters.parse("customer_name=" + rawUtf8AsRead).values())
                .containsEntry("customer_name", "山田");
    }

    @Test
    void reportsAFieldGivenTwiceAndKeepsNoValueForIt() {
        QueryParameters q = QueryParameters.parse("weight=1&weight=1&customer_slug=a&weight=2");
        assertThat(q.values()).doesNotContainKey("weight").containsEntry("customer_slug", "a");
        assertThat(q.errors()).containsOnlyKeys("weight");
        assertThat(q.errors().get("weight")).containsExactly("must be given only once, but was given 3 times");
    }

    @Test
    void reportsEncodingThatIsNotUtf8() {
        for (String bad : List.of("%E2%82", "%zz", "%4", "%", "%C3%28", "%FF")) {
            QueryParameters q = QueryParameters.parse("customer_name=" + bad);
            assertThat(q.errors()).as(bad).containsOnlyKeys("customer_name");
        }
    }

    @Test
    void ignoresUnknownAndMalformedNamesAndKeepsEmptyValues() {
        QueryParameters q = QueryParameters.parse("&&x=1&x=2&%zz=3&flag&weight=&=5");
        assertThat(q.values()).containsExactly(java.util.Map.entry("weight", ""));
        assertThat(q.errors()).isEmpty();
    }

    @Test
    void acceptsAMissingQuery() {
        assertThat(QueryParameters.parse(null).values()).isEmpty();
        assertThat(QueryParameters.parse("").errors()).isEmpty();
    }

    @Test
    void reportsErrorsInApiOrder() {
        QueryParameters q = QueryParameters.parse("customer_slug=a&customer_slug=b&origin_country_id=%zz");
        assertThat(q.errors().keySet()).containsExactly("origin_country_id", "customer_slug");
    }
}
