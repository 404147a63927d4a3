package org.tracknum;

import jakarta.validation.ConstraintValidatorContext;

/**
 * Reports the broken rules of one field as separate violations. Messages are the constraints'
 * constant texts: the rejected value never becomes part of a message template, so nothing a
 * caller sends is ever interpolated.
 */
final class RuleReport {
    private RuleReport() {
    }

    /**
     * @param brokenRules one message per rule, {@code null} for a rule that holds
     * @return whether every rule holds
     */
    static boolean report(ConstraintValidatorContext context, String... brokenRules) {
        boolean valid = true;
        for (String message : brokenRules) {
            if (message != null) {
                if (valid) {
                    context.disableDefaultConstraintViolation();
                    valid = false;
                }
                context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            }
        }
        return valid;
    }
}
