package org.tracknum.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.tracknum.ConfigurationException;
import org.tracknum.spi.SettingNames;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the Jedis client when the store is configured by URL or node list rather than given a
 * client: connect and socket timeouts, a bounded pool whose borrowers wait at most the timeout, and
 * (Cluster) at most two attempts per read. {@code rediss://} verifies the server's certificate and host
 * name against the JVM's trust store. Descriptions never contain credentials.
 */
final class RedisConnector {
    static final int DEFAULT_PORT = 6379;

    /** A client the store created, and where it points (without credentials). */
    record Created(UnifiedJedis client, String description) {
    }

    private RedisConnector() {
    }

    static Created standalone(String url, Duration timeout, int connections, SettingNames names) {
        String setting = RedisSetting.URL.in(names);
        URI uri = parse(url, setting);
        HostAndPort node = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
        int database = database(uri, setting);
        boolean tls = JedisURIHelper.isRedisSSLScheme(uri);
        DefaultJedisClientConfig.Builder config = clientConfig(timeout)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(database);
        if (tls) {
            config.sslOptions(SslOptions.defaults());
        }
        RedisClient client = RedisClient.builder().hostAndPort(node).clientConfig(config.build())
                .poolConfig(pool(connections, timeout)).build();
        return new Created(client, (tls ? "rediss://" : "redis://") + node + "/" + database);
    }

    /** {@code redis://host:port/database} of a URL, without credentials. */
    static String describe(String url, SettingNames names) {
        String setting = RedisSetting.URL.in(names);
        URI uri = parse(url, setting);
        HostAndPort node = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
        return (JedisURIHelper.isRedisSSLScheme(uri) ? "rediss://" : "redis://") + node + "/" + database(uri, setting);
    }

    static Created cluster(String nodes, Duration timeout, int connections, SettingNames names) {
        Set<HostAndPort> seeds = nodes(nodes, RedisSetting.CLUSTER.in(names));
        RedisClusterClient client = RedisClusterClient.builder().nodes(seeds)
                .clientConfig(clientConfig(timeout).build())
                .poolConfig(pool(connections, timeout))
                .maxAttempts(2)
                .maxTotalRetriesDuration(timeout.multipliedBy(2))
                .build();
        return new Created(client, "cluster " + seeds);
    }

    private static DefaultJedisClientConfig.Builder clientConfig(Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientName("tracknum");
    }

    private static ConnectionPoolConfig pool(int connections, Duration timeout) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(connections);
        pool.setMaxIdle(connections);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setBlockWhenExhausted(true);
        return pool;
    }

    /** Parses without echoing the URL, which may hold a password. */
    static URI parse(String url, String setting) {
        String form = " (expected redis://[[user]:password@]host[:port][/database] or rediss://... for TLS)";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting + " is not a valid URL at index " + e.getIndex() + form);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new ConfigurationException(setting + " must start with redis:// or rediss://" + form);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigurationException(setting + " has no host" + form);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(setting + " must not have a query or fragment" + form);
        }
        return uri;
    }

    private static int database(URI uri, String setting) {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(setting + " has an invalid database number after the host: expected /0, /1...");
    }

    static Set<HostAndPort> nodes(String list, String setting) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String entry = part.strip();
            int colon = entry.lastIndexOf(':');
            String host = colon <= 0 ? "" : entry.substring(0, colon).replace("[", "").replace("]", "");
            int port = colon <= 0 ? -1 : port(entry.substring(colon + 1));
            if (host.isEmpty() || port < 1) {
                throw new ConfigurationException(setting + " entry '" + entry + "' is invalid: expected host:port,"
                        + " e.g. 10.0.0.1:7000,10.0.0.2:7000");
            }
            nodes.add(new HostAndPort(host, port));
        }
        return nodes;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
