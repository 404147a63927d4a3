package org.tracknum.jdbc;

import java.time.Duration;

/**
 * Time bounds of every database call: obtaining a connection, waiting for a reply, waiting for a
 * row lock. The lock timeout is shorter than the socket timeout so that a lock wait ends as a
 * clean transient error, not as a lost connection.
 */
record Timeouts(Duration connect, Duration socket, Duration lock) {

    /** Whole seconds, rounded up (pgjdbc and MariaDB's lock wait take seconds). */
    static int seconds(Duration d) {
        long ms = d.toMillis();
        return (int) Math.max(1, (ms + 999) / 1000);
    }

    int socketMillis() {
        return (int) Math.min(Integer.MAX_VALUE, socket.toMillis());
    }
}
