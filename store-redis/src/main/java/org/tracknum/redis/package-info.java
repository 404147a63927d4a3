/**
 * The Redis store: {@link org.tracknum.redis.RedisReservationStore} claims numbers with
 * {@code SET key value NX GET} on standalone Redis, Redis Cluster, or Sentinel through the
 * user's client, and {@link org.tracknum.redis.RedisReservationStoreProvider} makes it available
 * as {@code tracknum.store=redis}. Everything else here is package-private: the value encoding,
 * the idempotency-key claim protocol, reply classification, per-node pipelines and the start-up
 * checks of version, durability and replication.
 */
package org.tracknum.redis;
