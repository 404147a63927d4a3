package org.tracknum;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ExpressionLanguageFeatureLevel;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validation of shipment requests with Hibernate Validator, built once per class loader.
 *
 * <p>The validator is bootstrapped with Hibernate Validator directly (no provider lookup), ignores
 * any {@code META-INF/validation.xml}, and interpolates messages with
 * {@link ParameterMessageInterpolator} in English: no Expression Language implementation is on
 * the classpath and none is needed, so nothing a caller sends is ever evaluated. Constraint
 * messages are constants; the rejected value only travels in {@link FieldError#rejectedValue()},
 * shortened and cleaned by {@link RejectedValues}, and never for the customer name.
 */
final class RequestValidation {
    private static final Comparator<FieldError> API_ORDER = Comparator
            .comparing((FieldError e) -> FieldName.valueOf(e.field().toUpperCase(Locale.ROOT)))
            .thenComparing(FieldError::message);

    private RequestValidation() {
    }

    /** Throws {@link InvalidRequestException} listing every broken rule of the typed fields. */
    static void validate(String origin, String destination, BigDecimal weight, OffsetDateTime createdAt,
                         UUID customerId, String customerName, String customerSlug) {
        ConstructorArguments arguments = new ConstructorArguments(origin, destination, weight, createdAt, customerId,
                customerName == null ? null : canonicalName(customerName), customerSlug);
        throwIfInvalid(Holder.VALIDATOR.validate(arguments));
    }

    /** Parses and validates the API's parameters; see {@link ShipmentRequest#fromParameters}. */
    static ShipmentRequest fromParameters(Map<String, String> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        ApiParameters p = new ApiParameters(parameters);
        throwIfInvalid(Holder.VALIDATOR.validate(p));
        return new ShipmentRequest(p.originCountryId, p.destinationCountryId, ParameterSyntax.weight(p.weight),
                ParameterSyntax.createdAt(p.createdAt), ParameterSyntax.customerId(p.customerId), p.customerName,
                p.customerSlug);
    }

    /**
     * Names longer than this (in UTF-16 units) are too long whatever their NFC form and are not
     * normalised: one code point decomposes canonically into at most 4, so NFC never shrinks text
     * below a quarter of its code points, and a code point is at most 2 units.
     */
    static final int LONGEST_NAME_INPUT = CustomerName.MAX_CODE_POINTS * 4 * 2;

    /**
     * The name in canonical form: surrounding white space removed (every code point that is Java
     * white space or a Unicode space separator, which includes the no-break spaces that
     * {@link String#strip()} keeps), then normalised to Unicode NFC, so that a name typed with
     * combining marks ({@code Zoe} + U+0308) equals the same name typed precomposed. A name longer
     * than {@link #LONGEST_NAME_INPUT} is only trimmed (it is rejected as too long).
     */
    static String canonicalName(String name) {
        String trimmed = trim(name);
        return trimmed.length() > LONGEST_NAME_INPUT || Normalizer.isNormalized(trimmed, Normalizer.Form.NFC)
                ? trimmed : Normalizer.normalize(trimmed, Normalizer.Form.NFC);
    }

    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && isSpace(name.codePointAt(start))) {
            start += Character.charCount(name.codePointAt(start));
        }
        while (end > start && isSpace(name.codePointBefore(end))) {
            end -= Character.charCount(name.codePointBefore(end));
        }
        return name.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** The upper-case code of a validated country. */
    static String canonicalCountry(String code) {
        return CountryCodes.canonical(code);
    }

    /** A validated weight with scale 3, as stores keep it ({@code DECIMAL(8,3)}). */
    static BigDecimal canonicalWeight(BigDecimal weight) {
        return weight.setScale(3, RoundingMode.UNNECESSARY);
    }

    /**
     * A validated creation time cut to microseconds, the precision every store keeps (PostgreSQL,
     * MariaDB {@code DATETIME(6)}), so that a request reads back equal to itself. The offset is kept.
     */
    static OffsetDateTime canonicalCreatedAt(OffsetDateTime createdAt) {
        return createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The interpolator the validator was built with (for tests). */
    static MessageInterpolator messageInterpolator() {
        return Holder.FACTORY.getMessageInterpolator();
    }

    private static <T> void throwIfInvalid(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .map(RequestValidation::toFieldError)
                    .sorted(API_ORDER)
                    .collect(Collectors.toList()));
        }
    }

    private static FieldError toFieldError(ConstraintViolation<?> violation) {
        FieldName field = FieldName.ofProperty(violation.getPropertyPath().toString());
        String rejected = field == FieldName.CUSTOMER_NAME ? null : RejectedValues.describe(violation.getInvalidValue());
        return new FieldError(field.apiName(), violation.getMessage(), rejected);
    }

    /** Builds the factory on first use; it is thread-safe and kept for the life of the class loader. */
    private static final class Holder {
        static final ValidatorFactory FACTORY = build();
        static final Validator VALIDATOR = FACTORY.getValidator();

        private static ValidatorFactory build() {
            return Validation.byProvider(HibernateValidator.class)
                    .providerResolver(() -> List.of(new HibernateValidator()))
                    .configure()
                    .ignoreXmlConfiguration()
                    .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
                    .locales(Locale.ENGLISH)
                    .defaultLocale(Locale.ENGLISH)
                    .constraintExpressionLanguageFeatureLevel(ExpressionLanguageFeatureLevel.NONE)
                    .customViolationExpressionLanguageFeatureLevel(ExpressionLanguageFeatureLevel.NONE)
                    .showValidatedValuesInTraceLogs(false)
                    .traversableResolver(new TraverseAll())
                    .failFast(false)
                    .buildValidatorFactory();
        }
    }

    /** Our beans have no lazy associations: skip the JPA check the default resolver would make. */
    private static final class TraverseAll implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }
}
