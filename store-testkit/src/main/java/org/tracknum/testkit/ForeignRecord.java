package org.tracknum.testkit;

/**
 * A record that Tracknum did not write, or that was corrupted, planted in a store's storage under
 * a number by {@link ReservationStoreContract#plantForeignRecord}. Every kind carries the
 * {@link #SECRET_NAME} and {@link #SECRET_SLUG} where it has a name or slug, so the contract can check
 * that neither, nor any other stored value, reaches an exception message.
 */
public enum ForeignRecord {
    /** A record in the store's format whose weight is {@link #HUGE_WEIGHT_TEXT} (a text column or field). */
    HUGE_WEIGHT,
    /** A record in the store's format whose customer name is {@link #hugeName()}. */
    HUGE_NAME,
    /** A record whose fields are all absent: SQL {@code NULL}s, or empty fields where there are no nulls. */
    NULLS,
    /** A record in the store's format cut short in the middle of a field. */
    TRUNCATED,
    /** A record of a format version this Tracknum does not read (where records carry a version). */
    WRONG_VERSION,
    /** Something else entirely: another application's data under our key or in our table's columns. */
    NOT_OURS;

    /** A weight no store may try to expand: 1 followed by a billion zeros. */
    public static final String HUGE_WEIGHT_TEXT = "1E+999999999";
    /** A customer name that must never appear in a message. */
    public static final String SECRET_NAME = "Mallory Foreign-Secret";
    /** A customer slug that must never appear in a message. */
    public static final String SECRET_SLUG = "mallory-secret-slug";
    /**
     * Length of {@link #hugeName()}: 8 MiB, far beyond any valid name yet within every backend's
     * default limits (MariaDB's {@code max_allowed_packet} is 16 MiB), so that the test stays fast.
     */
    public static final int HUGE_NAME_LENGTH = 8 * 1024 * 1024;

    /** {@link #SECRET_NAME} padded to {@link #HUGE_NAME_LENGTH} characters. */
    public static String hugeName() {
        StringBuilder name = new StringBuilder(HUGE_NAME_LENGTH).append(SECRET_NAME).append(' ');
        while (name.length() < HUGE_NAME_LENGTH) {
            name.append('x');
        }
        return name.toString();
    }
}
