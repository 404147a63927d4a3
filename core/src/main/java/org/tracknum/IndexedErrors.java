package org.tracknum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Field errors of list items, named {@code [i].field}: see {@link ShipmentRequest#fromParameterList}. */
final class IndexedErrors {
    private IndexedErrors() {
    }

    /** {@code [i].field}, or {@code [i]} for the item itself. */
    static String field(int index, String field) {
        return field == null || field.isEmpty() ? "[" + index + "]" : "[" + index + "]." + field;
    }

    static List<ShipmentRequest> parseAll(List<? extends Map<String, String>> items) {
        Objects.requireNonNull(items, "items");
        List<ShipmentRequest> requests = new ArrayList<>(items.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, String> item = items.get(i);
            if (item == null) {
                errors.add(new FieldError(field(i, null), "must not be null", null));
                continue;
            }
            try {
                requests.add(ShipmentRequest.fromParameters(item));
            } catch (InvalidRequestException e) {
                for (FieldError error : e.errors()) {
                    errors.add(new FieldError(field(i, error.field()), error.message(), error.rejectedValue()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return List.copyOf(requests);
    }
}
