package org.tracknum.redis;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.spi.SettingNames;
import org.tracknum.spi.StartupWait;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What {@link RedisReservationStore.Builder#build()} does: validate the settings, connect (or take
 * the user's client), pick the routing, check every server, and close a client it created if any
 * of that fails. Connecting and checking run within the start-up budget ({@link StartupWait}):
 * a server that refuses connections, is loading its dataset or answers {@code BUSY},
 * {@code MASTERDOWN}, {@code CLUSTERDOWN} or {@code TRYAGAIN} is tried again with a new client;
 * an unknown host, refused credentials, a replica, an old version or (strict) a server that may
 * lose numbers fails at once.
 */
final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);
    /** Replies of a server that is starting, busy or between masters: worth waiting for. */
    private static final Set<String> NOT_READY = Set.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN");

    private final RedisReservationStore.Builder settings;
    private final SettingNames names;

    private StoreOpening(RedisReservationStore.Builder settings) {
        this.settings = settings;
        this.names = settings.names;
    }

    static RedisReservationStore open(RedisReservationStore.Builder settings) {
        return new StoreOpening(settings).open();
    }

    private RedisReservationStore open() {
        String prefix = KeyPrefix.check(settings.keyPrefix, settings.singleSlot, RedisSetting.KEY_PREFIX.in(names),
                RedisSetting.SINGLE_SLOT.in(names));
        Duration socketTimeout = socketTimeout();
        ReplicaWait wait = replicaWait(socketTimeout);
        checkSource();
        Duration budget = StartupWait.checkBudget(settings.startupBudget == null ? StartupWait.DEFAULT_BUDGET
                : settings.startupBudget, names, "startupBudget");
        return new StartupWait(budget).until(where(), () -> attempt(prefix, socketTimeout, wait));
    }

    /** Connects, routes and checks every server once; closes a client it created if that fails. */
    private RedisReservationStore attempt(String prefix, Duration socketTimeout, ReplicaWait wait) {
        RedisConnector.Created created = connect(socketTimeout);
        UnifiedJedis jedis = created.client();
        boolean owned = settings.client == null;
        try {
            Routing routing = route(jedis, wait, created.description());
            List<ServerFacts> servers = routing.servers();
            new ServerCheck(settings.durability, names).check(servers, routing.isCluster());
            ReplicationCheck replication = ReplicationCheck.of(servers, wait);
            String description = "redis " + created.description() + " prefix " + prefix + replication.describeSuffix();
            replication.log("Redis store " + created.description() + " (prefix " + prefix + ")");
            LOG.debug("Redis store ready: {}, durability {}, {}", description, settings.durability, wait);
            return new RedisReservationStore(jedis, owned, routing, prefix, description);
        } catch (RuntimeException e) {
            if (owned) {
                jedis.close();
            }
            throw translate(e, created.description());
        }
    }

    /** What the start-up wait waits for, without credentials. */
    private String where() {
        if (settings.client != null) {
            return "Redis (" + settings.client.getClass().getSimpleName() + ")";
        }
        return settings.url != null ? "Redis at " + RedisConnector.describe(settings.url, names)
                : "the Redis Cluster " + RedisConnector.nodes(settings.cluster, RedisSetting.CLUSTER.in(names));
    }

    private Duration socketTimeout() {
        if (settings.client != null && settings.timeout != null) {
            throw new ConfigurationException(RedisSetting.TIMEOUT.in(names) + " applies to a client the store"
                    + " builds from a URL or node list: set the timeouts on your own client instead");
        }
        Duration socket = settings.timeout == null ? RedisReservationStore.Builder.DEFAULT_TIMEOUT : settings.timeout;
        if (socket.compareTo(RedisReservationStore.Builder.MIN_TIMEOUT) < 0
                || socket.compareTo(RedisReservationStore.Builder.MAX_TIMEOUT) > 0) {
            throw new ConfigurationException(RedisSetting.TIMEOUT.in(names) + " must be between "
                    + RedisReservationStore.Builder.MIN_TIMEOUT.toMillis() + " ms and "
                    + RedisReservationStore.Builder.MAX_TIMEOUT.toSeconds() + " s: " + socket.toMillis() + " ms");
        }
        Duration budget = settings.retryBudget;
        if (budget != null && settings.client == null && socket.compareTo(budget) >= 0) {
            throw new ConfigurationException(RedisSetting.TIMEOUT.in(names) + " (" + socket.toMillis()
                    + " ms) must be below " + (names == SettingNames.KEYS ? "tracknum.retry.budget" : "the retry budget")
                    + " (" + budget.toMillis() + " ms), or a single stalled call outlasts the retry budget");
        }
        return socket;
    }

    private ReplicaWait replicaWait(Duration socketTimeout) {
        int replicas = settings.waitReplicas;
        if (replicas < 0 || replicas > RedisReservationStore.Builder.MAX_WAIT_REPLICAS) {
            throw new ConfigurationException(RedisSetting.WAIT_REPLICAS.in(names) + " must be between 0 and "
                    + RedisReservationStore.Builder.MAX_WAIT_REPLICAS + ": " + replicas);
        }
        if (replicas == 0) {
            if (names == SettingNames.KEYS && settings.waitTimeout != null) {
                throw new ConfigurationException(RedisSetting.WAIT_TIMEOUT.key + " is set but "
                        + RedisSetting.WAIT_REPLICAS.key + " is not: set both, or neither");
            }
            return ReplicaWait.NONE;
        }
        long wait = (settings.waitTimeout == null ? RedisReservationStore.Builder.DEFAULT_WAIT_TIMEOUT
                : settings.waitTimeout).toMillis();
        if (wait < 1 || (settings.client == null && wait >= socketTimeout.toMillis())) {
            throw new ConfigurationException(RedisSetting.WAIT_TIMEOUT.in(names) + " must be at least 1 ms and"
                    + " below the socket timeout (" + socketTimeout.toMillis() + " ms): " + wait + " ms");
        }
        return new ReplicaWait(replicas, wait);
    }

    private void checkSource() {
        int given = (settings.client != null ? 1 : 0) + (settings.url != null ? 1 : 0) + (settings.cluster != null ? 1 : 0);
        if (given == 0 && names == SettingNames.KEYS) {
            throw new ConfigurationException("tracknum.store=redis needs " + RedisSetting.URL.key
                    + " (redis://host:6379) or " + RedisSetting.CLUSTER.key + " (host:port,host:port,...)");
        }
        if (given != 1) {
            throw new ConfigurationException("give exactly one of " + RedisSetting.URL.in(names) + ", "
                    + RedisSetting.CLUSTER.in(names) + (names == SettingNames.METHODS ? " or client(..)" : "")
                    + " (got " + given + ")");
        }
    }

    private RedisConnector.Created connect(Duration socketTimeout) {
        if (settings.client != null) {
            return new RedisConnector.Created(settings.client, "(" + settings.client.getClass().getSimpleName() + ")");
        }
        try {
            return settings.url != null
                    ? RedisConnector.standalone(settings.url, socketTimeout, settings.connections, names)
                    : RedisConnector.cluster(settings.cluster, socketTimeout, settings.connections, names);
        } catch (RuntimeException e) {
            throw translate(e, settings.url != null ? "the server of " + RedisSetting.URL.in(names)
                    : "the nodes of " + RedisSetting.CLUSTER.in(names));
        }
    }

    private static Routing route(UnifiedJedis jedis, ReplicaWait wait, String description) {
        Routing cluster = ClusterRouting.of(jedis, wait);
        return cluster != null ? cluster : StandaloneRouting.of(jedis, wait, description);
    }

    /**
     * A reply saying the server is not ready yet (LOADING, BUSY, MASTERDOWN, CLUSTERDOWN, TRYAGAIN)
     * or no connection: unavailable, which the start-up wait tries again; an unknown host or any
     * other refusal (credentials, permissions): configuration, at once.
     */
    private static RuntimeException translate(RuntimeException e, String where) {
        if (e instanceof ConfigurationException || e instanceof StoreUnavailableException) {
            return e;
        }
        if (e instanceof JedisDataException) {
            String code = Replies.code(e.getMessage());
            if (NOT_READY.contains(code)) {
                return new StoreUnavailableException("Redis at " + where + " is not ready yet (" + code + ")", e);
            }
            return new ConfigurationException("Redis at " + where + " refused the start-up checks ("
                    + code + "): check the credentials and the user's permissions"
                    + " (INFO, CONFIG GET, SET, GET, WAIT)", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new ConfigurationException("unknown host " + t.getMessage() + " for Redis at " + where
                        + ": check the host", e);
            }
        }
        return new StoreUnavailableException("cannot reach Redis at " + where + ": " + e.getMessage(), e);
    }
}
