package org.tracknum.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What one Redis server says about itself: its {@code INFO} fields and, where {@code CONFIG} is
 * allowed, the persistence settings from {@code CONFIG GET}.
 *
 * @param name        host:port (or the client type), for messages
 * @param info        {@code INFO} fields ({@code redis_version}, {@code role}, {@code aof_enabled}...)
 * @param config      {@code appendonly}, {@code appendfsync}, {@code maxmemory-policy}; empty if unreadable
 * @param configError why {@code CONFIG GET} failed, or {@code null}
 */
record ServerFacts(String name, Map<String, String> info, Map<String, String> config, String configError) {
    static final String[] SETTINGS = {"appendonly", "appendfsync", "maxmemory-policy"};

    static ServerFacts read(String name, Supplier<String> info, Function<String[], Map<String, String>> configGet) {
        Map<String, String> fields = parseInfo(info.get());
        try {
            return new ServerFacts(name, fields, Map.copyOf(configGet.apply(SETTINGS)), null);
        } catch (JedisDataException e) {
            return new ServerFacts(name, fields, Map.of(), Replies.code(e.getMessage()));
        }
    }

    static Map<String, String> parseInfo(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return Map.copyOf(fields);
    }

    /** A persistence setting from CONFIG GET, else from the INFO field that reflects it, else null. */
    String setting(String name) {
        String value = config.get(name);
        if (value != null) {
            return value;
        }
        switch (name) {
            case "appendonly":
                String enabled = info.get("aof_enabled");
                return enabled == null ? null : "1".equals(enabled) ? "yes" : "no";
            case "maxmemory-policy":
                return info.get("maxmemory_policy");
            default:
                return null;
        }
    }

    boolean isMaster() {
        return "master".equals(info.get("role"));
    }

    boolean isClusterNode() {
        return "1".equals(info.get("cluster_enabled"));
    }
}
