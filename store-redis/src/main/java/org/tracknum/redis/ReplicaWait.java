package org.tracknum.redis;

/**
 * Optional {@code WAIT replicas timeout} sent after a batch's writes on the same connection (WAIT
 * covers only that connection's writes). Best effort: Redis replication stays asynchronous, so a
 * failover can still lose acknowledged writes.
 */
record ReplicaWait(int replicas, long timeoutMillis) {
    static final ReplicaWait NONE = new ReplicaWait(0, 0);

    boolean enabled() {
        return replicas > 0;
    }
}
