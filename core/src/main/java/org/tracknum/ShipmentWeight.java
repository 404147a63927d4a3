package org.tracknum;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/**
 * A weight in kilograms: greater than 0, at most 99 999.999, at most 3 decimal places once
 * trailing zeros are removed ({@code 1.2340} is fine, {@code 1.2345} is not). As a parameter it
 * must also be a plain decimal ({@link ParameterSyntax#weight}). Each broken rule is reported.
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = {ShipmentWeight.ForBigDecimal.class, ShipmentWeight.ForParameter.class})
@interface ShipmentWeight {
    String NOT_PLAIN = "must be a plain decimal number such as 1.5 (ASCII digits, no sign, exponent"
            + " or spaces)";
    String NOT_POSITIVE = "must be greater than 0";
    String TOO_HEAVY = "must be at most 99999.999";
    String TOO_PRECISE = "must have at most 3 decimal places";

    String message() default TOO_PRECISE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The typed value. */
    final class ForBigDecimal implements ConstraintValidator<ShipmentWeight, BigDecimal> {
        static final BigDecimal MAX = new BigDecimal("99999.999");

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || RuleReport.report(context,
                    value.signum() <= 0 ? NOT_POSITIVE : null,
                    value.compareTo(MAX) > 0 ? TOO_HEAVY : null,
                    value.stripTrailingZeros().scale() > 3 ? TOO_PRECISE : null);
        }
    }

    /** The {@code weight} parameter: a plain decimal, then the same rules as the typed value. */
    final class ForParameter implements ConstraintValidator<ShipmentWeight, String> {
        private final ForBigDecimal typed = new ForBigDecimal();

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            BigDecimal weight = ParameterSyntax.weight(value);
            return weight == null ? RuleReport.report(context, NOT_PLAIN) : typed.isValid(weight, context);
        }
    }
}
