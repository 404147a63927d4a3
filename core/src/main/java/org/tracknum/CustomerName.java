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
 * A customer name, checked after removing surrounding white space
 * ({@link RequestValidation#canonicalName}): not blank, at most 255 code points, no
 * control characters (Unicode category Cc, which includes tab, CR, LF and NUL), no bidirectional
 * embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069: they let text display in
 * another order than it is stored) and no unpaired surrogates (they cannot be encoded, so a store
 * would not keep the name as given). Messages and violations never carry the name.
 */
@Target(FIELD)
@Retention(RUNTIME)
@Constraint(validatedBy = CustomerName.Validator.class)
@interface CustomerName {
    int MAX_CODE_POINTS = 255;
    String BLANK = "must not be blank";
    String TOO_LONG = "must be at most 255 characters";
    String CONTROL = "must not contain control characters or bidirectional overrides";
    String SURROGATE = "must be valid Unicode text (no unpaired surrogates)";

    String message() default BLANK;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a name whose surrounding white space was already removed. */
    final class Validator implements ConstraintValidator<CustomerName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            boolean control = false;
            boolean surrogate = false;
            for (int i = 0; i < value.length(); ) {
                int codePoint = value.codePointAt(i);
                control |= isControl(codePoint);
                surrogate |= Character.getType(codePoint) == Character.SURROGATE;
                i += Character.charCount(codePoint);
            }
            return RuleReport.report(context,
                    value.isEmpty() ? BLANK : null,
                    value.codePointCount(0, value.length()) > MAX_CODE_POINTS ? TOO_LONG : null,
                    control ? CONTROL : null,
                    surrogate ? SURROGATE : null);
        }

        /** Unicode Cc, or a bidirectional embedding, override or isolate. */
        static boolean isControl(int codePoint) {
            return Character.getType(codePoint) == Character.CONTROL
                    || (codePoint >= 0x202A && codePoint <= 0x202E)
                    || (codePoint >= 0x2066 && codePoint <= 0x2069);
        }
    }
}
