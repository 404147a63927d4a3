package org.tracknum;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;

/**
 * A date-time that RFC 3339 can express: as a parameter, the syntax of
 * {@link ParameterSyntax#createdAt}; as a typed value, a year from 0000 to 9999 and an offset in
 * whole minutes (RFC 3339 has no offset seconds), so that every store keeps it as given. The
 * offset {@code -00:00} ("UTC known, local offset unknown", RFC 3339 section 4.3) is rejected with a
 * message of its own: {@link java.time.OffsetDateTime} cannot tell it from {@code Z}, and silently
 * turning it into {@code Z} would claim a local offset the sender did not know.
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = {Rfc3339DateTime.ForOffsetDateTime.class, Rfc3339DateTime.ForParameter.class})
@interface Rfc3339DateTime {
    String NOT_RFC_3339 = "must be an RFC 3339 date-time with offset such as 2018-11-20T19:29:32+08:00";
    String UNKNOWN_OFFSET = "must not use the offset -00:00 (RFC 3339: local offset unknown), which this API cannot"
            + " keep apart from Z: send Z";
    String NOT_EXPRESSIBLE = "must have a year from 0000 to 9999 and an offset in whole minutes (RFC 3339)";

    String message() default NOT_RFC_3339;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The typed value. */
    final class ForOffsetDateTime implements ConstraintValidator<Rfc3339DateTime, OffsetDateTime> {
        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            return value == null || RuleReport.report(context,
                    value.getYear() < 0 || value.getYear() > 9999 || value.getOffset().getTotalSeconds() % 60 != 0
                            ? NOT_EXPRESSIBLE : null);
        }
    }

    /** The {@code created_at} parameter. */
    final class ForParameter implements ConstraintValidator<Rfc3339DateTime, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || ParameterSyntax.createdAt(value) != null) {
                return true;
            }
            return ParameterSyntax.hasUnknownLocalOffset(value) ? RuleReport.report(context, UNKNOWN_OFFSET) : false;
        }
    }
}
