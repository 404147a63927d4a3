package org.tracknum.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.tracknum.ConfigurationException;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/**
 * {@code tracknum.store=redis}: builds a {@link RedisReservationStore} from {@code tracknum.redis.*}
 * keys. Public only for {@link java.util.ServiceLoader}. The pool of a client it builds holds
 * {@code 2 × tracknum.batch.lanes + 8} connections per server, and its timeout must stay below
 * {@code tracknum.retry.budget}.
 */
public final class RedisReservationStoreProvider implements ReservationStoreProvider {
    private static final String LANES = "tracknum.batch.lanes";
    private static final String BUDGET = "tracknum.retry.budget";
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String artifact() {
        return "org.tracknum:tracknum-store-redis";
    }

    @Override
    public Set<String> keys() {
        return Arrays.stream(RedisSetting.values()).map(s -> s.key).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        RedisReservationStore.Builder builder = RedisReservationStore.builder().fromConfiguration()
                .keyPrefix(settings.get(RedisSetting.KEY_PREFIX.key, KeyPrefix.DEFAULT))
                .singleSlot(settings.getBoolean(RedisSetting.SINGLE_SLOT.key, false))
                .durability(durability(settings))
                .connections(2 * settings.getInt(LANES, 2, 1, 256) + 8);
        settings.get(RedisSetting.URL.key).ifPresent(builder::url);
        settings.get(RedisSetting.CLUSTER.key).ifPresent(builder::cluster);
        if (settings.get(RedisSetting.URL.key).isEmpty() && settings.get(RedisSetting.CLUSTER.key).isEmpty()) {
            throw new ConfigurationException("tracknum.store=redis needs " + RedisSetting.URL.key
                    + " (redis://host:6379) or " + RedisSetting.CLUSTER.key + " (host:port,host:port,...)");
        }
        Duration timeout = settings.getDuration(RedisSetting.TIMEOUT.key, RedisReservationStore.Builder.DEFAULT_TIMEOUT,
                Duration.ofMillis(10), MAX);
        Duration budget = settings.getDuration(BUDGET, Duration.ofSeconds(10), MIN, Duration.ofHours(1));
        if (timeout.compareTo(budget) >= 0) {
            throw new ConfigurationException(RedisSetting.TIMEOUT.key + " (" + timeout.toMillis() + " ms) must be below "
                    + BUDGET + " (" + budget.toMillis() + " ms), or a single stalled call outlasts the retry budget");
        }
        builder.timeout(timeout);
        int replicas = settings.getInt(RedisSetting.WAIT_REPLICAS.key, 0, 0, 64);
        if (replicas > 0) {
            builder.waitReplicas(replicas, settings.getDuration(RedisSetting.WAIT_TIMEOUT.key,
                    RedisReservationStore.Builder.DEFAULT_WAIT_TIMEOUT, MIN, MAX));
        } else if (settings.get(RedisSetting.WAIT_TIMEOUT.key).isPresent()) {
            throw new ConfigurationException(RedisSetting.WAIT_TIMEOUT.key + " is set but "
                    + RedisSetting.WAIT_REPLICAS.key + " is not: set both, or neither");
        }
        return builder.build();
    }

    private static RedisReservationStore.Durability durability(StoreSettings settings) {
        String choice = settings.getChoice(RedisSetting.DURABILITY.key, "strict", "strict", "relaxed");
        return "relaxed".equals(choice) ? RedisReservationStore.Durability.RELAXED : RedisReservationStore.Durability.STRICT;
    }
}
