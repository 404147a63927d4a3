package org.tracknum.jdbc;

/** What a failed statement means for the reservations it carried. */
enum ErrorKind {
    /** The tracking number is held by another row: that reservation is taken. */
    DUPLICATE,
    /** Nothing was committed (refused connection, deadlock, lock timeout): safe to retry. */
    TRANSIENT,
    /** The connection was lost after the statement may have been sent: it may have committed. */
    AMBIGUOUS,
    /** Retrying cannot help: a row the database refuses, a missing table, no permission. */
    FATAL
}
