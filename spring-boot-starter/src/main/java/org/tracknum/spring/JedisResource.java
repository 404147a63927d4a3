package org.tracknum.spring;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.tracknum.ConfigurationException;
import org.tracknum.TrackingNumberConfiguration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's {@link UnifiedJedis} for the Redis store, and the check that the Jedis on the
 * class path is one the store runs on. Loaded only when Jedis is on the class path.
 */
final class JedisResource {
    /** The oldest Jedis with the client API the store is written against ({@code RedisClient}). */
    static final String MINIMUM = "7.2.0";
    private static final String CLIENT_API = "redis.clients.jedis.RedisClient";

    private JedisResource() {
    }

    static TrackingNumberConfiguration withClient(TrackingNumberConfiguration configuration, BeanFactory beans) {
        if (!ClassUtils.isPresent(CLIENT_API, JedisResource.class.getClassLoader())) {
            String found = jedisVersion();
            throw new ConfigurationException("tracknum.store=redis needs Jedis " + MINIMUM + " or newer, found "
                    + (found == null ? "an older one" : found) + ": Spring Boot 3.5 manages Jedis 6.0 and Boot 4.0"
                    + " manages 7.0, so set the build property jedis.version to 8.0.2 (Maven: <jedis.version>"
                    + " in <properties>; Gradle: ext['jedis.version']), the version Tracknum is built and tested with");
        }
        UnifiedJedis client = beans.getBeanProvider(UnifiedJedis.class).getIfUnique();
        return client == null ? configuration : configuration.withResource(UnifiedJedis.class, client);
    }

    /** From the jar's Maven metadata (Jedis jars carry no Implementation-Version). */
    private static String jedisVersion() {
        try (java.io.InputStream in = UnifiedJedis.class.getResourceAsStream(
                "/META-INF/maven/redis.clients/jedis/pom.properties")) {
            if (in == null) {
                return null;
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
