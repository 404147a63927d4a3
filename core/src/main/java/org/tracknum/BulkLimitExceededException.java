package org.tracknum;

/**
 * {@link TrackingNumberGenerator#nextAll} was given more requests than the generator's limit
 * ({@code tracknum.batch.max-bulk}, see {@link TrackingNumberGenerator.Builder#maxBulk(int)}).
 * Nothing was stored. HTTP: 413.
 */
public class BulkLimitExceededException extends TrackingNumberException {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public BulkLimitExceededException(int size, int limit) {
        super(size + " requests in one call exceed the limit of " + limit + " (tracknum.batch.max-bulk):"
                + " split the list");
        this.size = size;
        this.limit = limit;
    }

    /** How many requests the call had. */
    public int size() {
        return size;
    }

    /** The most requests one call may have. */
    public int limit() {
        return limit;
    }
}
