package org.tracknum.redis;

import java.util.Locale;
import java.util.Set;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.StoreFailure;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns Redis replies into outcomes. For {@code SET key value NX GET}: a nil reply means this
 * command stored the value; an old value carrying the reservation's own token means an earlier
 * attempt of the same reservation stored it; any other old value means the number is taken.
 */
final class Replies {
    /**
     * Error codes of replies that refuse a write without performing it, and that may clear up by
     * themselves: cluster redirections and reconfiguration, a loading or busy server, a demoted
     * master, too few replicas for {@code min-replicas-to-write}, a persistence error (MISCONF), and
     * OOM under {@code maxmemory} with {@code noeviction} (memory may be freed; the generator's retry
     * budget bounds the wait).
     */
    private static final Set<String> TRANSIENT_CODES = Set.of("MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "LOADING",
            "BUSY", "MASTERDOWN", "READONLY", "NOREPLICAS", "MISCONF", "OOM");

    private Replies() {
    }

    static ReservationOutcome ofOldValue(Reservation reservation, String oldValue) {
        if (oldValue == null) {
            return ReservationOutcome.RESERVED;
        }
        String token = StoredValue.token(oldValue);
        return reservation.reservationId().toString().equals(token)
                ? ReservationOutcome.RESERVED
                : ReservationOutcome.TAKEN;
    }

    /** The outcome of an error reply to one command, which was therefore not performed. */
    static ReservationOutcome ofError(JedisDataException error) {
        return ReservationOutcome.of(failureOf(error));
    }

    static StoreFailure failureOf(JedisDataException error) {
        String code = code(error.getMessage());
        if (TRANSIENT_CODES.contains(code)) {
            return new StoreFailure(Status.TRANSIENT, "Redis refused the command for now (" + code + ")", error);
        }
        if ("WRONGTYPE".equals(code)) {
            return new StoreFailure(Status.FATAL, "a key under the Tracknum prefix holds a non-string value:"
                    + " another application writes under this prefix; choose another tracknum.redis.key-prefix",
                    error);
        }
        return new StoreFailure(Status.FATAL, "Redis refused the command (" + code + ")", error);
    }

    /** The write may have been performed: the connection failed or the reply could not be read. */
    static ReservationOutcome ambiguous(Throwable failure) {
        return ReservationOutcome.ambiguous(new StoreFailure(Status.AMBIGUOUS,
                "no reply from Redis: the write may or may not have been performed", failure));
    }

    /** Nothing was sent: no connection could be obtained. */
    static ReservationOutcome notSent(Throwable failure) {
        return ReservationOutcome.transientFailure(new StoreFailure(Status.TRANSIENT,
                "no connection to Redis; nothing was sent", failure));
    }

    /** True for replies saying the Cluster's slot map changed: MOVED, CLUSTERDOWN, TRYAGAIN. */
    static boolean isTopologyChange(ReservationOutcome outcome) {
        Throwable cause = outcome == null || outcome.cause() == null ? null : outcome.cause().getCause();
        if (!(cause instanceof JedisDataException)) {
            return false;
        }
        String code = code(cause.getMessage());
        return "MOVED".equals(code) || "CLUSTERDOWN".equals(code) || "TRYAGAIN".equals(code);
    }

    /** The node named by an ASK reply (the key's slot is being migrated there), or {@code null}. */
    static HostAndPort askTarget(ReservationOutcome outcome) {
        Throwable cause = outcome == null || outcome.cause() == null ? null : outcome.cause().getCause();
        return cause instanceof JedisAskDataException ? ((JedisAskDataException) cause).getTargetNode() : null;
    }

    static String code(String message) {
        if (message == null || message.isEmpty()) {
            return "ERR";
        }
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        return code.length() > 32 ? "ERR" : code.toUpperCase(Locale.ROOT);
    }
}
