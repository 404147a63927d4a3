package org.tracknum.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether numbers acknowledged by the primary survive a failover onto a replica, as far as the
 * database shows it at start (PostgreSQL: {@code synchronous_standby_names},
 * {@code synchronous_commit} and {@code pg_stat_replication}; MariaDB/MySQL: Galera and
 * semi-synchronous replication settings and connected replicas). Logged once at start, and part of
 * {@code describe()} when the server replicates.
 */
record FailoverProtection(Verdict verdict, String detail) {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverProtection.class);

    enum Verdict {
        /** Commits wait for a replica: a promoted one has every acknowledged number. */
        PROTECTED("protected"),
        /** Replicas may lag: a promoted one can lack acknowledged numbers and issue them again. */
        NOT_PROTECTED("NOT protected"),
        /** Nothing replicates (or the database cannot): there is nothing to fail over to. */
        NO_REPLICATION("no replication"),
        /** The server does not show it to this user. */
        UNKNOWN("unknown");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    static final FailoverProtection EMBEDDED = new FailoverProtection(Verdict.NO_REPLICATION,
            "embedded database");

    /** {@code "; failover: protected (...)"} for {@code describe()}, or empty when nothing replicates. */
    String describeSuffix() {
        return verdict == Verdict.NO_REPLICATION ? "" : "; failover: " + verdict.label + " (" + detail + ")";
    }

    /** The one start-up line: INFO, or WARN when a replica could be promoted without every acknowledged number. */
    void log(String store) {
        if (verdict == Verdict.NOT_PROTECTED) {
            LOG.warn("{}: acknowledged numbers are NOT protected against failover: {}", store, detail);
        } else if (verdict == Verdict.PROTECTED) {
            LOG.info("{}: acknowledged numbers are protected against failover: {}", store, detail);
        } else if (verdict == Verdict.NO_REPLICATION) {
            LOG.info("{}: not replicated, nothing to fail over to: {}", store, detail);
        } else {
            LOG.info("{}: whether acknowledged numbers survive a failover is not visible: {}", store, detail);
        }
    }
}
