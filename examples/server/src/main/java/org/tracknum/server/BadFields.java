package org.tracknum.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracknum.FieldError;

/**
 * The {@code 400 {"errors": ...}} answer: what the HTTP layer found wrong with fields (a value
 * given twice, a wrong JSON type, an unknown member, a malformed header) and the library's field
 * errors, merged (the HTTP layer's problem of a field replaces the library's, and a problem of an
 * item as a whole, such as not being an object, the library's errors of its fields) and ordered by item
 * ({@code shipments[i]}) and then by the API's field order. An answer lists at most {@link #LIMIT}
 * fields; {@code more_errors} counts the others, so that a body full of mistakes cannot make an
 * answer (or the server's memory) grow without bound.
 */
final class BadFields {
    static final int LIMIT = 100;
    static final String KEY_FIELD = "idempotency_key";
    private static final Pattern ITEM = Pattern.compile("shipments\\[(\\d+)](?:\\.(.*))?");

    private final Map<String, List<String>> problems = new LinkedHashMap<>();
    private int unlisted;

    void add(String field, String message) {
        List<String> messages = problems.get(field);
        if (messages != null) {
            if (!messages.contains(message)) {
                messages.add(message);
            }
        } else if (problems.size() < LIMIT) {
            problems.put(field, new ArrayList<>(List.of(message)));
        } else {
            unlisted++;
        }
    }

    void addAll(Map<String, List<String>> more) {
        more.forEach((field, messages) -> messages.forEach(message -> add(field, message)));
    }

    boolean isEmpty() {
        return problems.isEmpty() && unlisted == 0;
    }

    /** The answer with no library errors. */
    Reply reply() {
        return reply(List.of(), UnaryOperator.identity());
    }

    /**
     * The answer: these problems and the library's {@code errors}, each named by {@code rename}
     * (e.g. {@code [7].weight} → {@code shipments[7].weight}), unless this has a problem of that field.
     */
    Reply reply(List<FieldError> errors, UnaryOperator<String> rename) {
        Map<String, List<String>> all = new LinkedHashMap<>(problems);
        for (FieldError error : errors) {
            String field = rename.apply(error.field());
            Matcher item = ITEM.matcher(field);
            String itemItself = item.matches() ? ShipmentJson.SHIPMENTS + "[" + item.group(1) + "]" : null;
            if (!problems.containsKey(field) && (itemItself == null || !problems.containsKey(itemItself))) {
                all.computeIfAbsent(field, f -> new ArrayList<>()).add(error.message());
            }
        }
        List<String> names = new ArrayList<>(all.keySet());
        names.sort(Comparator.comparingInt(BadFields::itemIndex).thenComparingInt(BadFields::fieldRank));
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (String name : names.subList(0, Math.min(LIMIT, names.size()))) {
            listed.put(name, List.copyOf(all.get(name)));
        }
        int more = unlisted + Math.max(0, names.size() - LIMIT);
        return Reply.json(400, new JsonBodies.Errors(listed, more == 0 ? null : more));
    }

    /** {@code shipments[i]...} → i; anything else (a single shipment, a header) comes first, as -1. */
    private static int itemIndex(String name) {
        Matcher m = ITEM.matcher(name);
        return m.matches() ? parseIndex(m.group(1)) : -1;
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The item itself, then the seven fields in API order, the key, other members, the header. */
    private static int fieldRank(String name) {
        Matcher m = ITEM.matcher(name);
        String field = m.matches() ? (m.group(2) == null ? "" : m.group(2)) : name;
        if (field.isEmpty()) {
            return -1;
        }
        int rank = QueryParameters.FIELDS.indexOf(field);
        if (rank >= 0) {
            return rank;
        }
        if (field.equals(KEY_FIELD)) {
            return QueryParameters.FIELDS.size();
        }
        return field.equals(IdempotencyKeyHeader.NAME) ? QueryParameters.FIELDS.size() + 2
                : QueryParameters.FIELDS.size() + 1;
    }
}
