package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.tracknum.jdbc.FailoverProtection.Verdict;

/**
 * Reads what PostgreSQL shows about failover: with {@code synchronous_standby_names} set and the
 * session's {@code synchronous_commit} at {@code on}, {@code remote_apply} or
 * {@code remote_write}, a commit is acknowledged only once a synchronous standby has it; without,
 * standbys in {@code pg_stat_replication} are asynchronous. {@code sync_state} is visible only to
 * superusers and {@code pg_read_all_stats}; others see how many standbys there are.
 */
final class PostgresReplication {
    private static final String QUERY = "SELECT current_setting('synchronous_standby_names'),"
            + " current_setting('synchronous_commit'),"
            + " (SELECT count(*) FROM pg_stat_replication),"
            + " (SELECT count(sync_state) FROM pg_stat_replication),"
            + " (SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum'))";

    private PostgresReplication() {
    }

    static FailoverProtection read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return verdict(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
        }
    }

    /**
     * @param standbys connected standbys; {@code visible} of them show their {@code sync_state},
     *                 {@code inSync} of those are synchronous
     */
    static FailoverProtection verdict(String names, String commit, int standbys, int visible, int inSync) {
        boolean namesSet = names != null && !names.isBlank();
        String connected = visible < standbys
                ? standbys + " standby(s) connected, sync state not visible to this user"
                : inSync + " of " + standbys + " connected standby(s) synchronous";
        if (namesSet && waitsForStandby(commit)) {
            String none = visible == standbys && inSync == 0
                    ? "; none is synchronous now, so commits wait until one is" : "";
            return new FailoverProtection(Verdict.PROTECTED, "commits wait for a synchronous standby"
                    + " (synchronous_standby_names=" + names + ", synchronous_commit=" + commit + "; " + connected
                    + none + ")");
        }
        if (namesSet) {
            return new FailoverProtection(Verdict.NOT_PROTECTED, "synchronous_commit=" + commit + " does not wait for"
                    + " the synchronous standby; set it to on or remote_apply");
        }
        if (standbys > 0) {
            return new FailoverProtection(Verdict.NOT_PROTECTED, standbys + " asynchronous standby(s) and"
                    + " synchronous_standby_names empty: a promoted standby can lack acknowledged numbers");
        }
        return new FailoverProtection(Verdict.NO_REPLICATION, "no standby connected, synchronous_standby_names"
                + " empty; make any standby you add synchronous");
    }

    private static boolean waitsForStandby(String commit) {
        return "on".equals(commit) || "remote_apply".equals(commit) || "remote_write".equals(commit);
    }
}
