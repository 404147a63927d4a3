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
 * A kebab-case slug, {@code ^[a-z0-9]+(-[a-z0-9]+)*$}, of at most 255 characters. Checked by a
 * single pass over the characters rather than {@code @Pattern}: Java's regex engine recurses once
 * per repeated group and can overflow the stack on a long {@code a-a-a-...} input.
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = CustomerSlug.Validator.class)
@interface CustomerSlug {
    int MAX_LENGTH = 255;
    String NOT_KEBAB = "must be kebab-case such as red-box-2 (a-z and 0-9 in groups joined by single"
            + " hyphens)";
    String TOO_LONG = "must be at most 255 characters";

    String message() default NOT_KEBAB;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the slug as given (it is not trimmed). */
    final class Validator implements ConstraintValidator<CustomerSlug, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || RuleReport.report(context,
                    isKebabCase(value) ? null : NOT_KEBAB,
                    value.codePointCount(0, value.length()) > MAX_LENGTH ? TOO_LONG : null);
        }

        static boolean isKebabCase(String value) {
            boolean afterHyphen = true; // the first character must not be a hyphen either
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '-' && !afterHyphen) {
                    afterHyphen = true;
                } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    afterHyphen = false;
                } else {
                    return false;
                }
            }
            return !afterHyphen;
        }
    }
}
