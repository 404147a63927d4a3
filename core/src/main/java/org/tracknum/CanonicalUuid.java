package org.tracknum;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The {@code customer_id} parameter: a UUID in canonical text form ({@link ParameterSyntax#customerId}). */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = CanonicalUuid.Validator.class)
@interface CanonicalUuid {
    String MESSAGE = "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (8-4-4-4-12 hex"
            + " digits)";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts the canonical form in either case. */
    final class Validator implements ConstraintValidator<CanonicalUuid, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ParameterSyntax.customerId(value) != null;
        }
    }
}
