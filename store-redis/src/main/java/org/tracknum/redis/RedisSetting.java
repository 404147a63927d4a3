package org.tracknum.redis;

import org.tracknum.spi.SettingNames;

/**
 * The store's settings, with their {@code tracknum.*} key and their builder method, so that an
 * error message names what the user actually wrote ({@link SettingNames}).
 */
enum RedisSetting {
    URL("tracknum.redis.url", "url"),
    CLUSTER("tracknum.redis.cluster", "cluster"),
    KEY_PREFIX("tracknum.redis.key-prefix", "keyPrefix"),
    SINGLE_SLOT("tracknum.redis.single-slot", "singleSlot"),
    DURABILITY("tracknum.redis.durability", "durability"),
    WAIT_REPLICAS("tracknum.redis.wait-replicas", "waitReplicas"),
    WAIT_TIMEOUT("tracknum.redis.wait-timeout", "waitReplicas"),
    TIMEOUT("tracknum.redis.timeout", "timeout");

    final String key;
    final String method;

    RedisSetting(String key, String method) {
        this.key = key;
        this.method = method;
    }

    String in(SettingNames names) {
        return names.name(key, method);
    }

    String assigned(SettingNames names, Object value) {
        return names.assignment(key, method, value);
    }
}
