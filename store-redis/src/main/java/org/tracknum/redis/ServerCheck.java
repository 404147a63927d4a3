package org.tracknum.redis;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.Durability;
import org.tracknum.StoreUnavailableException;
import org.tracknum.spi.SettingNames;

/**
 * Build-time checks of every master: Redis 7.0 or later (for {@code SET ... NX GET}), the expected
 * mode and role, and durability. In {@link Durability#STRICT} mode a server
 * that would lose issued numbers on a restart ({@code appendonly no}) or evict them (an
 * {@code allkeys-*} policy), or whose settings cannot be read, is refused; {@code RELAXED} logs a
 * warning instead.
 */
final class ServerCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCheck.class);

    private final Durability durability;
    private final SettingNames names;

    ServerCheck(Durability durability, SettingNames names) {
        this.durability = durability;
        this.names = names;
    }

    /**
     * @throws ConfigurationException naming the server, the problem and the fix
     * @throws StoreUnavailableException while a server is still loading its dataset
     */
    void check(List<ServerFacts> servers, boolean cluster) {
        int masters = 0;
        for (ServerFacts server : servers) {
            if ("1".equals(server.info().get("loading"))) {
                throw new StoreUnavailableException("Redis at " + server.name() + " is loading its dataset into"
                        + " memory (LOADING)");
            }
            checkVersion(server);
            checkMode(server, cluster);
            if (server.isMaster()) {
                masters++;
                checkDurability(server);
            }
        }
        if (masters == 0) {
            throw new ConfigurationException("no Redis master found among " + servers.size() + " node(s)");
        }
    }

    static void checkVersion(ServerFacts server) {
        String version = server.info().get("redis_version");
        if (version == null) {
            throw new ConfigurationException("Redis at " + server.name() + " does not report redis_version in INFO:"
                    + " allow INFO for this user; Tracknum needs Redis 7.0 or later");
        }
        if (!atLeast7(version)) {
            throw new ConfigurationException("Redis at " + server.name() + " is version " + version
                    + ": Tracknum needs Redis 7.0 or later (SET key value NX GET); upgrade the server");
        }
    }

    static boolean atLeast7(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot)) >= 7;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void checkMode(ServerFacts server, boolean cluster) {
        if (!cluster && server.isClusterNode()) {
            throw new ConfigurationException("Redis at " + server.name() + " is a Redis Cluster node: use "
                    + RedisSetting.CLUSTER.in(names) + " (or pass a RedisClusterClient) instead");
        }
        if (!cluster && !server.isMaster()) {
            throw new ConfigurationException("Redis at " + server.name() + " is not a master (role "
                    + server.info().get("role") + "): point Tracknum at the master; with Sentinel, pass your"
                    + " RedisSentinelClient");
        }
    }

    private void checkDurability(ServerFacts server) {
        List<String> problems = problems(server);
        String fsync = server.setting("appendfsync");
        if (problems.isEmpty()) {
            if (fsync == null) {
                LOG.warn("Redis at {}: appendfsync cannot be read (CONFIG GET: {}); it should be always, or everysec"
                        + " (up to 1 s of numbers lost on power failure)", server.name(), server.configError());
            } else if ("no".equals(fsync)) {
                LOG.warn("Redis at {}: appendfsync is no, so the kernel decides when the AOF reaches the disk; a power"
                        + " failure can lose tens of seconds of issued numbers. Use always or everysec.", server.name());
            } else {
                LOG.debug("Redis at {}: appendonly yes, appendfsync {}", server.name(), fsync);
            }
            return;
        }
        String summary = "Redis at " + server.name() + " may lose issued tracking numbers, which could then be issued"
                + " again: " + String.join("; ", problems);
        if (durability == Durability.RELAXED) {
            LOG.warn("{} (accepted: {})", summary, relaxed());
            return;
        }
        throw new ConfigurationException(summary + ". Fix the server (CONFIG SET appendonly yes; CONFIG SET"
                + " appendfsync always, or everysec to risk up to 1 s on power failure; CONFIG SET maxmemory-policy"
                + " noeviction; then CONFIG REWRITE, or the same in redis.conf), or accept the risk with "
                + relaxed());
    }

    private String relaxed() {
        return RedisSetting.DURABILITY.assigned(names, names == SettingNames.KEYS ? "relaxed" : "Durability.RELAXED");
    }

    static List<String> problems(ServerFacts server) {
        List<String> problems = new ArrayList<>(2);
        String unreadable = " cannot be read (CONFIG GET failed with " + server.configError()
                + " and INFO does not show it)";
        String appendonly = server.setting("appendonly");
        if (appendonly == null) {
            problems.add("appendonly" + unreadable);
        } else if (!"yes".equalsIgnoreCase(appendonly)) {
            problems.add("appendonly is " + appendonly + " (every key is lost when Redis restarts)");
        }
        String policy = server.setting("maxmemory-policy");
        if (policy == null) {
            problems.add("maxmemory-policy" + unreadable);
        } else if (policy.toLowerCase(java.util.Locale.ROOT).startsWith("allkeys-")) {
            problems.add("maxmemory-policy is " + policy + " (issued numbers are evicted when memory is full)");
        }
        return problems;
    }
}
