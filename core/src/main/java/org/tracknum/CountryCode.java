package org.tracknum;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An officially assigned ISO 3166-1 alpha-2 code ({@link CountryCodes}), in either case:
 * two ASCII letters, so {@code ßß} (upper case {@code SSSS}) and {@code ıt} (upper case
 * {@code IT}) are rejected. {@code null} is valid (checked by {@code @NotNull}).
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = CountryCode.Validator.class)
@interface CountryCode {
    String MESSAGE = "must be an officially assigned ISO 3166-1 alpha-2 country code such as MY or GB";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts a code whose ASCII upper case is assigned. */
    final class Validator implements ConstraintValidator<CountryCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CountryCodes.canonical(value) != null;
        }
    }
}
