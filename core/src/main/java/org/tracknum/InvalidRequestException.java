package org.tracknum;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A shipment request broke one or more validation rules. {@link #errors()} lists every bad field
 * at once, in the order of the API's fields (several errors of one field in alphabetical order of
 * their messages). Nothing reached the store.
 */
public class InvalidRequestException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every violated rule, never empty. */
    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one field error");
        }
        return "invalid shipment request: " + errors.stream()
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
    }
}
