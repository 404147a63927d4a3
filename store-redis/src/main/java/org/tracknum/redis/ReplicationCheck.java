package org.tracknum.redis;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether numbers acknowledged by a master survive a failover, from each master's
 * {@code INFO replication}: never guaranteed, because Redis replication is asynchronous (a
 * promoted replica can lack the last acknowledged writes, and {@code WAIT} only narrows that
 * window). What the start-up line and {@code describe()} say is therefore whether there are
 * replicas to be promoted at all, and whether {@code WAIT} is on.
 *
 * @param replicas connected replicas summed over the masters
 * @param masters  masters checked
 * @param replicaWait the store's {@code WAIT} setting
 */
record ReplicationCheck(int replicas, int masters, ReplicaWait replicaWait) {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCheck.class);

    static ReplicationCheck of(List<ServerFacts> servers, ReplicaWait wait) {
        int replicas = 0;
        int masters = 0;
        for (ServerFacts server : servers) {
            if (server.isMaster()) {
                masters++;
                replicas += parse(server.info().get("connected_slaves"));
            }
        }
        return new ReplicationCheck(replicas, masters, wait);
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code "; failover: NOT protected (...)"} for {@code describe()}, or empty without replicas. */
    String describeSuffix() {
        return replicas == 0 ? "" : "; failover: NOT protected (" + detail() + ")";
    }

    private String detail() {
        return replicas + " asynchronous replica(s) of " + masters + " master(s)"
                + (replicaWait.enabled() ? ", WAIT " + replicaWait.replicas() + " narrows but does not close the window"
                        : ", no WAIT");
    }

    /** The one start-up line: WARN when a replica could be promoted, INFO when there is none. */
    void log(String store) {
        if (replicas > 0) {
            LOG.warn("{}: acknowledged numbers are NOT protected against failover: {}; a promoted replica can lack"
                    + " the last acknowledged numbers and issue them again", store, detail());
        } else {
            LOG.info("{}: no replicas connected, so there is nothing to fail over to; Redis replication would not"
                    + " protect acknowledged numbers against failover anyway", store);
        }
    }
}
