package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tracknum.jdbc.FailoverProtection.Verdict;

/**
 * Reads what MariaDB/MySQL shows about failover: Galera ({@code wsrep_on}) certifies a commit on
 * every node before acknowledging it; semi-synchronous replication waits for one replica but falls
 * back to asynchronous after {@code rpl_semi_sync_master_timeout} (MySQL: {@code _source_});
 * plain replicas ({@code Slaves_connected}, MariaDB only) are asynchronous.
 */
final class MariaDbReplication {
    private MariaDbReplication() {
    }

    static FailoverProtection read(Connection c) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement s = c.createStatement()) {
            collect(s, "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_on', 'rpl_semi_sync_master_enabled',"
                    + " 'rpl_semi_sync_master_timeout', 'rpl_semi_sync_source_enabled', 'rpl_semi_sync_source_timeout')",
                    values);
            collect(s, "SHOW GLOBAL STATUS WHERE Variable_name IN ('Slaves_connected', 'Rpl_semi_sync_master_clients',"
                    + " 'Rpl_semi_sync_source_clients')", values);
        }
        return verdict(values);
    }

    private static void collect(Statement s, String sql, Map<String, String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
    }

    /** @param values lower-case variable and status names with their values, as the server shows them */
    static FailoverProtection verdict(Map<String, String> values) {
        if ("ON".equalsIgnoreCase(values.get("wsrep_on"))) {
            return new FailoverProtection(Verdict.PROTECTED, "Galera (wsrep_on=ON) certifies each commit on every"
                    + " node before acknowledging it");
        }
        String role = values.containsKey("rpl_semi_sync_source_enabled") ? "source" : "master";
        if ("ON".equalsIgnoreCase(values.get("rpl_semi_sync_" + role + "_enabled"))) {
            String timeout = values.get("rpl_semi_sync_" + role + "_timeout");
            int clients = parse(values.get("rpl_semi_sync_" + role + "_clients"));
            String fallback = "falls back to asynchronous after rpl_semi_sync_" + role + "_timeout=" + timeout
                    + " ms without a replica's acknowledgement";
            return clients > 0
                    ? new FailoverProtection(Verdict.PROTECTED, "semi-synchronous: " + clients + " replica(s)"
                            + " acknowledge each commit; " + fallback)
                    : new FailoverProtection(Verdict.NOT_PROTECTED, "semi-synchronous enabled but no replica"
                            + " connected; it " + fallback);
        }
        if (!values.containsKey("slaves_connected")) {
            return new FailoverProtection(Verdict.UNKNOWN, "neither Galera nor semi-synchronous replication:"
                    + " asynchronous replicas, if any, can lack acknowledged numbers when promoted");
        }
        int replicas = parse(values.get("slaves_connected"));
        return replicas > 0
                ? new FailoverProtection(Verdict.NOT_PROTECTED, replicas + " asynchronous replica(s): a promoted one"
                        + " can lack acknowledged numbers")
                : new FailoverProtection(Verdict.NO_REPLICATION, "no replica connected; make any replica you add"
                        + " Galera or semi-synchronous");
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
