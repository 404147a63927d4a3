package org.tracknum.jdbc;

/** What a failed statement means for the reservations it carried. */
enum ErrorKind {
    /** The tracking number is held by another row (its primary key was violated): that reservation is taken. */
    DUPLICATE,
    /**
     * The (customer_id, idempotency_key) pair is held by another row (the key's unique index was
     * violated): the reservation's key already names a number, to be read back.
     */
    KEY_DUPLICATE,
    /** Nothing was committed (refused connection, deadlock, lock timeout): safe to retry. */
    TRANSIENT,
    /** The connection was lost after the statement may have been sent: it may have committed. */
    AMBIGUOUS,
    /**
     * Retrying cannot help: a row the database refuses, a missing table, no permission, a unique
     * index that is not the store's.
     */
    FATAL
}
