package org.tracknum.redis;

import java.util.List;
import org.tracknum.TrackingNumberSetting;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code tracknum.store=redis}: builds a {@link RedisReservationStore} from the
 * {@code tracknum.redis.*} keys that are present; defaults, ranges and messages are the builder's.
 * Without {@code tracknum.redis.url} and {@code .cluster}, a {@link UnifiedJedis} resource given to
 * the configuration is used (and not closed). The pool of a client it builds holds
 * {@code 2 × lanes + 8} connections per server, from the generator's lanes in
 * {@link StoreSettings#lanes()}; its timeout must stay below {@link StoreSettings#retryBudget()}.
 * Public only for {@link java.util.ServiceLoader}.
 */
public final class RedisReservationStoreProvider implements ReservationStoreProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<TrackingNumberSetting> settings() {
        return List.of(
                TrackingNumberSetting.withoutDefault(RedisSetting.URL.key, "standalone server:"
                        + " redis://[[user]:password@]host[:port][/database], rediss:// for TLS"),
                TrackingNumberSetting.withoutDefault(RedisSetting.CLUSTER.key, "Redis Cluster seed nodes"
                        + " host:port,host:port,..."),
                TrackingNumberSetting.of(RedisSetting.KEY_PREFIX.key, "prepended to each number to form its key",
                        RedisReservationStore.Builder.DEFAULT_KEY_PREFIX),
                TrackingNumberSetting.of(RedisSetting.SINGLE_SLOT.key, "allow a key prefix with a Cluster hash tag",
                        RedisReservationStore.Builder.DEFAULT_SINGLE_SLOT),
                TrackingNumberSetting.of(RedisSetting.DURABILITY.key, "strict refuses a server that may lose numbers;"
                        + " relaxed only logs a warning", name(RedisReservationStore.Builder.DEFAULT_DURABILITY)),
                TrackingNumberSetting.of(RedisSetting.WAIT_REPLICAS.key, "replicas WAIT waits for after each batch"
                        + " (0: off)", RedisReservationStore.Builder.DEFAULT_WAIT_REPLICAS),
                TrackingNumberSetting.of(RedisSetting.WAIT_TIMEOUT.key, "the WAIT timeout, below tracknum.redis.timeout",
                        StoreSettings.text(RedisReservationStore.Builder.DEFAULT_WAIT_TIMEOUT)),
                TrackingNumberSetting.of(RedisSetting.TIMEOUT.key, "connect and socket timeout of a client the store"
                        + " builds, below tracknum.retry.budget", StoreSettings.text(RedisReservationStore.Builder.DEFAULT_TIMEOUT)));
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        RedisReservationStore.Builder builder = RedisReservationStore.builder().fromConfiguration()
                .generatorLanes(settings.lanes())
                .retryBudget(settings.retryBudget())
                .startupBudget(settings.startupBudget());
        settings.get(RedisSetting.URL.key).ifPresent(builder::url);
        settings.get(RedisSetting.CLUSTER.key).ifPresent(builder::cluster);
        if (settings.get(RedisSetting.URL.key).isEmpty() && settings.get(RedisSetting.CLUSTER.key).isEmpty()) {
            settings.resource(UnifiedJedis.class).ifPresent(builder::client);
        }
        settings.get(RedisSetting.KEY_PREFIX.key).ifPresent(builder::keyPrefix);
        settings.getBoolean(RedisSetting.SINGLE_SLOT.key).ifPresent(builder::singleSlot);
        settings.getDurability(RedisSetting.DURABILITY.key).ifPresent(builder::durability);
        settings.getDuration(RedisSetting.TIMEOUT.key).ifPresent(builder::timeout);
        settings.getInt(RedisSetting.WAIT_REPLICAS.key).ifPresent(builder::waitReplicas);
        settings.getDuration(RedisSetting.WAIT_TIMEOUT.key).ifPresent(builder::waitTimeout);
        return builder.build();
    }

    private static String name(org.tracknum.Durability durability) {
        return durability.name().toLowerCase(java.util.Locale.ROOT);
    }
}
