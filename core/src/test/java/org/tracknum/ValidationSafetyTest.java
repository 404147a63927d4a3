package org.tracknum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracknum.ValidRequests.errorsOf;
import static org.tracknum.ValidRequests.parameters;
import static org.tracknum.ValidRequests.parametersWith;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No personal data in output, no expression evaluation, fixed English messages. */
class ValidationSafetyTest {
    private static final String SECRET = "Zyxwvut Secretname";

    /** Calls that fail validation with the secret name in the request, in many ways. */
    private static List<Supplier<ShipmentRequest>> failingCallsWithTheSecret() {
        List<Supplier<ShipmentRequest>> calls = new ArrayList<>();
        for (String name : List.of(SECRET, SECRET + "\u202E", SECRET.repeat(20), "\t" + SECRET + "\u0000")) {
            calls.add(() -> {
                Map<String, String> p = parametersWith("customer_name", name);
                p.put("origin_country_id", "UK");
                return ShipmentRequest.fromParameters(p);
            });
            calls.add(() -> {
                Map<String, String> p = parametersWith("customer_name", name);
                p.put("weight", "NaN");
                p.put("customer_slug", "Bad_Slug");
                return ShipmentRequest.fromParameters(p);
            });
            calls.add(() -> new ShipmentRequest("XX", "MY", BigDecimal.ZERO, null, null, name, "bad slug"));
        }
        return calls;
    }

    @Test
    void theCustomerNameAppearsInNoMessageToStringFieldErrorOrException() {
        for (Supplier<ShipmentRequest> call : failingCallsWithTheSecret()) {
            InvalidRequestException e = (InvalidRequestException) org.assertj.core.api.Assertions
                    .catchThrowable(call::get);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("Secretname");
            assertThat(e.toString()).doesNotContain("Secretname");
            assertThat(e.getCause()).isNull();
            for (FieldError error : e.errors()) {
                assertThat(error.toString()).doesNotContain("Secretname");
                assertThat(error.message()).doesNotContain("Secretname");
            }
        }
        ShipmentRequest valid = ShipmentRequest.fromParameters(parametersWith("customer_name", SECRET));
        assertThat(valid.customerName()).isEqualTo(SECRET);
        assertThat(valid.toString()).doesNotContain("Secretname").contains("customerName=(redacted)");
        assertThat(new IssuedTrackingNumber("MYID1", valid, java.time.Instant.EPOCH).toString())
                .doesNotContain("Secretname");
    }

    @Test
    void theValidatorInterpolatesParametersOnlyAndNoExpressionLanguageIsPresent() {
        assertThat(RequestValidation.messageInterpolator()).isInstanceOf(ParameterMessageInterpolator.class);
        for (String elClass : List.of("jakarta.el.ExpressionFactory", "org.glassfish.expressly.ExpressionFactoryImpl",
                "com.sun.el.ExpressionFactoryImpl", "javax.el.ExpressionFactory")) {
            assertThatThrownBy(() -> Class.forName(elClass)).as(elClass).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"${1+1}", "#{1+1}", "${validatedValue}", "{max}", "{jakarta.validation.constraints.NotNull.message}",
        "\\${1+1}", "$\\{1+1}"})
    void templateLikeInputIsNeverEvaluated(String input) {
        Map<String, String> p = parameters();
        for (String key : List.of("origin_country_id", "weight", "created_at", "customer_id", "customer_name",
                "customer_slug")) {
            p.put(key, input);
        }
        List<FieldError> errors = errorsOf(() -> ShipmentRequest.fromParameters(p));
        assertThat(errors).extracting(FieldError::message).containsExactly(CountryCode.MESSAGE,
                ShipmentWeight.NOT_PLAIN, Rfc3339DateTime.NOT_RFC_3339, CanonicalUuid.MESSAGE, CustomerSlug.NOT_KEBAB);
        assertThat(errors).extracting(FieldError::rejectedValue).containsOnly(input);
    }

    @Test
    void messagesAreEnglishWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(errorsOf(() -> new ShipmentRequest(null, "MY", BigDecimal.ONE, OffsetDateTime.now(),
                    ValidRequests.CUSTOMER, "Bob", "bob"))).extracting(FieldError::message)
                    .containsExactly("must not be null");
            assertThat(errorsOf(() -> ShipmentRequest.fromParameters(parametersWith("weight", "1,5"))))
                    .extracting(FieldError::message).containsExactly(ShipmentWeight.NOT_PLAIN);
        } finally {
            Locale.setDefault(saved);
        }
    }
}
