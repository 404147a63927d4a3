package org.tracknum.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/tracking-numbers} in one pass of Jackson's streaming parser
 * (no tree, so a 10,000-item list costs little more than its maps): either one shipment, a JSON
 * object of the seven fields, or {@code {"shipments": [ {...}, ... ]}} whose items may also carry
 * an {@code idempotency_key}. Each field becomes the text the library validates, as a query
 * parameter would: a JSON string, or for {@code weight} also a JSON number, whose text is kept as
 * written ({@code 1.2340}, {@code 1e3}, {@code -1}) so that the library's rules apply to it. What
 * only JSON can get wrong (a wrong type, {@code null}, an unknown or repeated member) is a field
 * problem named like the library's errors ({@code weight}, {@code shipments[7].weight}).
 */
final class ShipmentJson {
    static final String SHIPMENTS = "shipments";
    static final String NOT_AN_OBJECT = "The request body must be a JSON object: the seven fields of one shipment, "
            + "or {\"shipments\": [...]} with one object per shipment.";
    private static final Set<String> FIELDS = Set.copyOf(QueryParameters.FIELDS);
    private static final String STRING = "must be a JSON string";
    private static final String STRING_OR_NUMBER = "must be a JSON string or number, such as \"1.234\" or 1.234";
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();

    private ShipmentJson() {
    }

    /** What the body holds. */
    sealed interface Body permits Single, Bulk, Malformed, TooMany {
    }

    /** One shipment: its fields as text, and the problems JSON had with them. */
    record Single(Map<String, String> fields, BadFields problems) implements Body {
    }

    /**
     * A list: each item's fields as text, each item's key (null: none), whether any item has a key,
     * and the problems, named {@code shipments[i].field}.
     */
    record Bulk(List<Map<String, String>> items, List<String> keys, boolean keyed, BadFields problems)
            implements Body {
    }

    /** Not a JSON object (or not JSON at all): the sentence says where. */
    record Malformed(String detail) implements Body {
    }

    /** More items than one call may issue. */
    record TooMany(int limit) implements Body {
    }

    static Body read(byte[] body, int maxBulk) {
        if (body.length == 0) {
            return new Malformed("The request body is empty. " + NOT_AN_OBJECT);
        }
        if (body[0] == 0 || (body.length > 1 && body[1] == 0) || (body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF) {
            return new Malformed("The request body must be JSON in UTF-8.");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Malformed(NOT_AN_OBJECT);
            }
            Body read = new Reader(parser, maxBulk).topLevel();
            if (read instanceof TooMany) {
                return read;
            }
            if (parser.nextToken() != null) {
                return new Malformed("The request body must hold one JSON object and nothing after it "
                        + where(parser.currentLocation()) + ".");
            }
            return read;
        } catch (JsonProcessingException e) {
            return new Malformed("The request body is not valid JSON " + where(e.getLocation()) + ".");
        } catch (IOException e) {
            return new Malformed("The request body is not valid JSON.");
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** One pass over the top-level object. */
    private static final class Reader {
        private final JsonParser parser;
        private final int maxBulk;
        private final BadFields problems = new BadFields();

        Reader(JsonParser parser, int maxBulk) {
            this.parser = parser;
            this.maxBulk = maxBulk;
        }

        Body topLevel() throws IOException {
            Map<String, String> single = new HashMap<>();
            Set<String> seen = new HashSet<>();
            List<String> others = new ArrayList<>();
            Bulk bulk = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!seen.add(name)) {
                    problems.add(printable(name), "must be given only once");
                    single.remove(name);
                    parser.skipChildren();
                } else if (name.equals(SHIPMENTS)) {
                    bulk = items();
                    if (bulk == null) {
                        return new TooMany(maxBulk);
                    }
                } else {
                    others.add(name);
                    field("", name, single, false, null);
                }
            }
            if (bulk == null) {
                return new Single(single, problems);
            }
            for (String name : others) {
                problems.add(printable(name), "is not a member of a list of shipments: put each shipment's fields"
                        + " in an object of \"shipments\"");
            }
            return new Bulk(bulk.items(), bulk.keys(), bulk.keyed(), problems);
        }

        /** The {@code shipments} array; null when it has more than {@code maxBulk} items. */
        private Bulk items() throws IOException {
            List<Map<String, String>> items = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            boolean keyed = false;
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                problems.add(SHIPMENTS, "must be a JSON array of shipment objects");
                parser.skipChildren();
                return new Bulk(items, keys, false, problems);
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int index = items.size();
                if (index == maxBulk) {
                    return null;
                }
                String prefix = SHIPMENTS + "[" + index + "]";
                Map<String, String> item = new HashMap<>();
                String[] key = new String[1];
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    Set<String> seen = new HashSet<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if (!seen.add(name)) {
                            problems.add(prefix + "." + printable(name), "must be given only once");
                            item.remove(name);
                            key[0] = name.equals(BadFields.KEY_FIELD) ? null : key[0];
                            parser.skipChildren();
                        } else {
                            field(prefix + ".", name, item, true, key);
                        }
                    }
                } else {
                    problems.add(prefix, "must be a JSON object with the fields of a shipment");
                    parser.skipChildren();
                }
                items.add(item);
                keys.add(key[0]);
                keyed |= key[0] != null;
            }
            if (items.isEmpty()) {
                problems.add(SHIPMENTS, "must list at least one shipment");
            }
            return new Bulk(items, keys, keyed, problems);
        }

        /** One member of a shipment object, the parser on its value. */
        private void field(String prefix, String name, Map<String, String> into, boolean keyAllowed, String[] key)
                throws IOException {
            JsonToken value = parser.currentToken();
            boolean weight = name.equals("weight");
            if (name.equals(BadFields.KEY_FIELD) && keyAllowed) {
                if (value == JsonToken.VALUE_STRING) {
                    key[0] = parser.getText();
                } else {
                    problems.add(prefix + name, STRING);
                    parser.skipChildren();
                }
                return;
            }
            if (!FIELDS.contains(name)) {
                problems.add(prefix + printable(name), name.equals(BadFields.KEY_FIELD)
                        ? "is not a field of a single shipment: send the key in the Idempotency-Key header"
                        : "is not a field of a shipment");
                parser.skipChildren();
                return;
            }
            if (value == JsonToken.VALUE_STRING
                    || (weight && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT))) {
                into.put(name, parser.getText());
                return;
            }
            problems.add(prefix + name, (weight ? STRING_OR_NUMBER : STRING) + ", not " + describe(value));
            parser.skipChildren();
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> "another JSON value";
        };
    }

    /** A member name as the answer may repeat it: visible ASCII only, at most 64 characters. */
    static String printable(String name) {
        String visible = name.replaceAll("[^\\x20-\\x7E]", "?");
        return visible.length() > 64 ? visible.substring(0, 64) + "..." : visible;
    }
}
