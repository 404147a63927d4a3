package org.tracknum;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A customer name, checked in its canonical form ({@link RequestValidation#canonicalName}:
 * surrounding white space removed, then Unicode NFC): not blank, at most 255 code points, at least
 * one visible character (not only white space, combining marks or the invisible characters below), no control characters (Unicode Cc, which includes tab, CR, LF and NUL), no
 * bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069), no unpaired
 * surrogates, and nothing {@link NameCharacters#kindOf} names: byte-order mark, the other
 * bidirectional controls (U+061C, U+200E, U+200F), line and paragraph separators, tag characters,
 * noncharacters, and every other default-ignorable code point (zero-width space, soft hyphen,
 * Hangul fillers, variation selectors, ...) and the interlinear annotation characters
 * U+FFF9–U+FFFB. ZWNJ and ZWJ are accepted between two letters (a combining mark counts as part
 * of its letter), as Persian and Indic names need them. Messages name the kind of character, its
 * code point in {@code U+} notation and its position (in code points, from 1) and never carry the
 * name.
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
    String NOTHING_VISIBLE = "must contain at least one visible character (not only spaces, marks or invisible"
            + " characters)";

    String message() default BLANK;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a name already in canonical form. */
    final class Validator implements ConstraintValidator<CustomerName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > RequestValidation.LONGEST_NAME_INPUT) {
                // never normalised (see RequestValidation.canonicalName): too long whatever its NFC form
                return RuleReport.report(context, TOO_LONG);
            }
            boolean control = false;
            boolean surrogate = false;
            boolean visible = false;
            Map<NameCharacters.Kind, String> found = new EnumMap<>(NameCharacters.Kind.class);
            int previous = -1;
            int position = 0;
            for (int i = 0; i < value.length(); ) {
                int codePoint = value.codePointAt(i);
                i += Character.charCount(codePoint);
                position++;
                control |= isControl(codePoint);
                surrogate |= Character.getType(codePoint) == Character.SURROGATE;
                visible |= NameCharacters.isVisible(codePoint);
                NameCharacters.Kind kind = NameCharacters.kindOf(codePoint);
                if (kind == NameCharacters.Kind.LONE_JOINER && previous >= 0 && i < value.length()
                        && NameCharacters.isLetterOrMark(previous) && Character.isLetter(value.codePointAt(i))) {
                    kind = null;
                }
                if (kind != null) {
                    found.putIfAbsent(kind, kind.message(codePoint, position));
                }
                previous = codePoint;
            }
            List<String> broken = new ArrayList<>(List.of(found.values().toArray(new String[0])));
            broken.add(value.isEmpty() ? BLANK : null);
            broken.add(position > MAX_CODE_POINTS ? TOO_LONG : null);
            broken.add(control ? CONTROL : null);
            broken.add(surrogate ? SURROGATE : null);
            broken.add(value.isEmpty() || visible ? null : NOTHING_VISIBLE);
            return RuleReport.report(context, broken.toArray(new String[0]));
        }

        /** Unicode Cc, or a bidirectional embedding, override or isolate. */
        static boolean isControl(int codePoint) {
            return Character.getType(codePoint) == Character.CONTROL
                    || (codePoint >= 0x202A && codePoint <= 0x202E)
                    || (codePoint >= 0x2066 && codePoint <= 0x2069);
        }
    }
}
