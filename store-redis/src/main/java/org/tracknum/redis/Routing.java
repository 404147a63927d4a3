package org.tracknum.redis;

import java.util.List;

/** How a batch reaches Redis: one pipeline on one server, or one pipeline per Cluster node. */
interface Routing {

    /** Sends every pending reservation of {@code batch} and records an outcome for each. */
    void write(WriteBatch batch);

    /** What every reachable server of the deployment says about itself, for build-time checks. */
    List<ServerFacts> servers();

    boolean isCluster();
}
