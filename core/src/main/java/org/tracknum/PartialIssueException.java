package org.tracknum;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link TrackingNumberGenerator#nextAll} issued some of the list's numbers but not all: the store
 * failed part-way (or some items failed for reasons of their own, such as a key already used for
 * another shipment). Nothing issued is lost: {@link #issued()} gives every number that is durably
 * stored for its item, by the item's index in the list; {@link #failures()} says why each other
 * item failed. No number of a failed item was handed out. With idempotency keys, retrying the
 * whole list returns the same numbers for the issued items.
 */
public class PartialIssueException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    private final transient SortedMap<Integer, IssuedTrackingNumber> issued;
    private final transient SortedMap<Integer, TrackingNumberException> failures;

    public PartialIssueException(int size, SortedMap<Integer, IssuedTrackingNumber> issued,
                                 SortedMap<Integer, TrackingNumberException> failures) {
        super(describe(size, issued, failures), failures.isEmpty() ? null : failures.get(failures.firstKey()));
        this.issued = Collections.unmodifiableSortedMap(new TreeMap<>(issued));
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /** The items that were issued: index in the list → its number, as durably stored. */
    public SortedMap<Integer, IssuedTrackingNumber> issued() {
        return issued;
    }

    /** The items that failed: index in the list → why (never empty). */
    public SortedMap<Integer, TrackingNumberException> failures() {
        return failures;
    }

    /** The indexes of the items that failed, ascending. */
    public List<Integer> failedIndexes() {
        return List.copyOf(failures.keySet());
    }

    private static String describe(int size, SortedMap<Integer, IssuedTrackingNumber> issued,
                                   SortedMap<Integer, TrackingNumberException> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a partial issue has at least one failed item");
        }
        StringBuilder text = new StringBuilder("issued ").append(issued.size()).append(" of ").append(size)
                .append(" numbers; ").append(failures.size()).append(" failed, first [")
                .append(failures.firstKey()).append("]: ").append(failures.get(failures.firstKey()).getMessage());
        return text.toString();
    }
}
