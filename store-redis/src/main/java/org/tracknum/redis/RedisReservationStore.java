package org.tracknum.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.StoreUnavailableException;
import org.tracknum.spi.Reservation;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.spi.ReservationOutcome;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.SettingNames;
import org.tracknum.spi.StartupWait;
import org.tracknum.spi.StoreFailure;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Claims tracking numbers in Redis with {@code SET prefix+number value NX GET} (Redis 7.0 or
 * later), for standalone Redis, Redis Cluster, and Sentinel through the user's
 * {@code RedisSentinelClient}.
 *
 * <p>The value holds the request and the attempt's reservation id (see the module README). A nil
 * reply means this command stored it; an old value carrying the same reservation id means an
 * earlier attempt of this reservation stored it (a retry re-sends the same key and value); any
 * other old value means the number is taken; a reply that never arrives leaves the write
 * ambiguous, and the generator then re-sends it ({@link #verify}) or burns the number. Each batch
 * is one pipeline, or one per node in a Cluster, where a failed node makes only its own
 * reservations ambiguous.
 *
 * <p>Idempotency keys ({@link #supportsIdempotencyKeys()}): a reservation with a key first claims
 * the key under {@code prefix + "k:" + customer-id + ":" + key}, then writes the claimed number,
 * in two pipelined rounds (more when it completes or replaces another caller's claim); any caller
 * with the same key completes a pending claim rather than issuing a second number, so the key
 * names at most one number even when callers die between the steps. Every step is a single-key
 * command, so the claim and the number may live on different Cluster nodes. See docs/redis.md.
 *
 * <p>{@link Builder#build()} connects (waiting up to the {@link Builder#startupBudget start-up budget} for a server
 * that is still starting), requires Redis 7.0 on every master and, by default
 * ({@link Durability#STRICT}), refuses masters that would lose issued numbers on restart
 * ({@code appendonly no}) or evict them ({@code allkeys-*}). Asynchronous replication means a
 * Sentinel or Cluster failover can still lose acknowledged numbers and issue them again, even with
 * {@link Builder#waitReplicas}: where that is unacceptable, use the JDBC store.
 */
public final class RedisReservationStore implements ReservationStore {
    private final UnifiedJedis client;
    private final boolean ownsClient;
    private final Routing routing;
    private final String keyPrefix;
    private final String description;
    private volatile boolean closed;

    RedisReservationStore(UnifiedJedis client, boolean ownsClient, Routing routing, String keyPrefix,
                                  String description) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.routing = routing;
        this.keyPrefix = keyPrefix;
        this.description = description;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<ReservationOutcome> reserve(List<Reservation> batch) {
        return write(batch);
    }

    /**
     * Re-sends the same writes: a nil reply or our own token means the number is ours. A keyed
     * reservation runs the claim protocol again with the same values, which recognises each of its
     * own earlier steps by the reservation id and answers RESERVED, KEY_HELD or TAKEN as
     * {@link #reserve} does.
     */
    @Override
    public List<ReservationOutcome> verify(List<Reservation> reservations) {
        return write(reservations);
    }

    private List<ReservationOutcome> write(List<Reservation> reservations) {
        checkOpen();
        return new ReservationWrites(reservations, keyPrefix).run(routing);
    }

    @Override
    public Optional<IssuedTrackingNumber> find(String trackingNumber) {
        checkOpen();
        byte[] raw = read(keyPrefix + trackingNumber);
        return raw == null ? Optional.empty() : Optional.of(decode(trackingNumber, raw));
    }

    /** True: see the class description and docs/redis.md. */
    @Override
    public boolean supportsIdempotencyKeys() {
        return true;
    }

    /**
     * Reads the key's claim, then the claimed number: the number if it holds the claim's value
     * (the claim is settled), empty if there is no claim or it is still pending (no number was
     * handed out for it yet; the next call with the key completes it) or dead.
     */
    @Override
    public Optional<IssuedTrackingNumber> findByIdempotencyKey(UUID customerId, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        checkOpen();
        byte[] raw = read(IdempotencyClaim.key(keyPrefix, customerId, idempotencyKey));
        if (raw == null) {
            return Optional.empty();
        }
        IdempotencyClaim claim;
        try {
            claim = IdempotencyClaim.parse(StoredValue.text(raw), customerId, idempotencyKey);
        } catch (IllegalArgumentException e) {
            throw new StoreFailure(Status.FATAL, "the claim of an idempotency key under " + keyPrefix
                    + " is unreadable: " + e.getMessage(), null);
        }
        byte[] number = read(keyPrefix + claim.trackingNumber());
        if (number == null) {
            return Optional.empty();
        }
        String value;
        try {
            value = StoredValue.text(number);
        } catch (IllegalArgumentException e) {
            // not text, so not the claim's value: the claim is dead, and the next call replaces it
            return Optional.empty();
        }
        return claim.settledBy(value) ? Optional.of(decode(claim.trackingNumber(), value)) : Optional.empty();
    }

    /**
     * The value of {@code key}, at most {@link StoredValue#MAX_VALUE_BYTES} + 1 bytes of it (a
     * foreign 100 MB value never travels whole), or {@code null} if there is no such key.
     */
    private byte[] read(String key) {
        byte[] binaryKey = SafeEncoder.encode(key);
        try {
            byte[] raw = client.getrange(binaryKey, 0, StoredValue.MAX_VALUE_BYTES);
            if (raw == null || raw.length == 0) {
                // GETRANGE answers "" both for a missing key and for an empty value
                return client.exists(binaryKey) ? new byte[0] : null;
            }
            return raw;
        } catch (JedisDataException e) {
            throw Replies.failureOf(e);
        } catch (RuntimeException e) {
            throw new StoreFailure(Status.TRANSIENT, "cannot read from Redis", e);
        }
    }

    private IssuedTrackingNumber decode(String trackingNumber, byte[] raw) {
        String value;
        try {
            value = StoredValue.text(raw);
        } catch (IllegalArgumentException e) {
            throw notARecord(trackingNumber, e);
        }
        return decode(trackingNumber, value);
    }

    private IssuedTrackingNumber decode(String trackingNumber, String value) {
        try {
            return StoredValue.decode(trackingNumber, value);
        } catch (StoredValue.UnknownVersion e) {
            throw new StoreFailure(Status.FATAL, "the Redis value of tracking number " + trackingNumber + " has "
                    + e.getMessage() + ": it is not a valid Tracknum record for this version; a newer Tracknum"
                    + " wrote it; upgrade this application", null);
        } catch (IllegalArgumentException e) {
            throw notARecord(trackingNumber, e);
        }
    }

    private StoreFailure notARecord(String trackingNumber, IllegalArgumentException e) {
        return new StoreFailure(Status.FATAL, "the Redis value of tracking number " + trackingNumber + " (key prefix "
                + keyPrefix + ") is not a Tracknum record (not a valid Tracknum record of version " + StoredValue.VERSION
                + " or " + StoredValue.KEYED_VERSION + ": " + e.getMessage() + ")", null);
    }

    @Override
    public void ping() {
        checkOpen();
        try {
            client.ping();
        } catch (RuntimeException e) {
            throw new StoreFailure(Status.TRANSIENT, "Redis does not answer PING", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** Closes the Jedis client if this store created it; a client passed to the builder stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsClient) {
            client.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreFailure(Status.FATAL, "the Redis store " + description + " is closed", null);
        }
    }


    /**
     * Configures a store; everything is checked in {@link #build()}. Give exactly one of
     * {@link #client}, {@link #url} or {@link #cluster}.
     */
    public static final class Builder {
        static final String DEFAULT_KEY_PREFIX = "tracknum:";
        static final boolean DEFAULT_SINGLE_SLOT = false;
        static final Durability DEFAULT_DURABILITY = Durability.STRICT;
        static final int DEFAULT_WAIT_REPLICAS = 0;
        static final int MAX_WAIT_REPLICAS = 64;
        static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMillis(500);
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
        static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
        static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
        static final int DEFAULT_CONNECTIONS = 16;

        UnifiedJedis client;
        String url;
        String cluster;
        String keyPrefix = DEFAULT_KEY_PREFIX;
        boolean singleSlot = DEFAULT_SINGLE_SLOT;
        Durability durability = DEFAULT_DURABILITY;
        int waitReplicas = DEFAULT_WAIT_REPLICAS;
        Duration waitTimeout;
        Duration timeout;
        int connections = DEFAULT_CONNECTIONS;
        Duration retryBudget;
        Duration startupBudget;
        SettingNames names = SettingNames.METHODS;

        private Builder() {
        }

        /**
         * Uses your client: a {@code RedisClient}, {@code RedisSentinelClient}, {@code RedisClusterClient}
         * or {@code JedisCluster}. Its timeouts are yours to set: keep the socket timeout well below the
         * generator's retry budget (10 s by default), and above {@link #waitReplicas}'s timeout. The
         * store never closes it.
         */
        public Builder client(UnifiedJedis client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** A standalone server: {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Seed nodes of a Redis Cluster: {@code host:port,host:port,...} (no password or TLS: pass a client for those). */
        public Builder cluster(String nodes) {
            this.cluster = Objects.requireNonNull(nodes, "nodes");
            return this;
        }

        /** Prepended to every number to form its key (default {@code tracknum:}); 1 to 128 printable ASCII characters, no braces. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * Allows a prefix holding a Cluster hash tag, such as {@code {tracknum}:}, which puts every number
         * into one slot on one node (default false: braces are refused).
         */
        public Builder singleSlot(boolean singleSlot) {
            this.singleSlot = singleSlot;
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * After each batch, {@code WAIT replicas timeout} on the same connection (default off). If fewer
         * replicas acknowledge in time, the numbers are not handed out but re-checked until the
         * generator's retry budget ends. Best effort: a failover can still lose acknowledged numbers.
         */
        public Builder waitReplicas(int replicas, Duration timeout) {
            this.waitReplicas = replicas;
            this.waitTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Connect and socket timeout of the client built from {@link #url} or {@link #cluster} (default 2 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long {@link #build()} waits for Redis that is still starting (connection refused,
         * {@code LOADING} its dataset, {@code BUSY}, {@code MASTERDOWN}): 0 (one attempt) to 1 h,
         * default 30 s ({@link StartupWait}). With configuration it is the generator's
         * {@code tracknum.startup.budget}.
         */
        public Builder startupBudget(Duration startupBudget) {
            this.startupBudget = Objects.requireNonNull(startupBudget, "startupBudget");
            return this;
        }

        /** Connections per server in the pool of a client the store builds. */
        Builder connections(int connections) {
            this.connections = connections;
            return this;
        }

        /**
         * The generator's lanes: a pool the store builds then holds {@code 2 × lanes + 8}
         * connections per server (a lane's write, plus verify, find and ping).
         */
        Builder generatorLanes(int lanes) {
            return connections(2 * lanes + 8);
        }

        /** The generator's retry budget: {@link #timeout} must stay below it. */
        Builder retryBudget(Duration retryBudget) {
            this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget");
            return this;
        }

        /** {@code tracknum.redis.wait-replicas} alone; the wait timeout then defaults to 500 ms. */
        Builder waitReplicas(int replicas) {
            this.waitReplicas = replicas;
            return this;
        }

        /** {@code tracknum.redis.wait-timeout} alone; it needs a wait-replicas count. */
        Builder waitTimeout(Duration waitTimeout) {
            this.waitTimeout = Objects.requireNonNull(waitTimeout, "waitTimeout");
            return this;
        }

        /** Messages name {@code tracknum.redis.*} keys rather than builder methods. */
        Builder fromConfiguration() {
            this.names = SettingNames.KEYS;
            return this;
        }

        /**
         * Connects, checks the servers and returns a ready store.
         *
         * @throws ConfigurationException    for bad settings, a Redis older than 7.0, a replica, or
         *                                   (strict) a server that may lose numbers
         * @throws StoreUnavailableException when Redis cannot be reached within the start-up
         *                                   budget, or the thread is interrupted while waiting
         */
        public RedisReservationStore build() {
            return StoreOpening.open(this);
        }
    }
}
