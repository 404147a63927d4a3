package org.tracknum.spring;

import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.spi.ReservationStore;

/**
 * The application's beans that a store provider may use: its {@link DataSource} for
 * {@code tracknum.store=jdbc} and its {@code UnifiedJedis} for {@code tracknum.store=redis}. The
 * provider uses one only when its URL key is absent, and never closes it. Also names the store
 * kind for the health detail and the {@code store} tag.
 */
final class StoreResources {
    static final String CUSTOM = "custom";
    private static final String STORE = "tracknum.store";
    private static final String JEDIS = "redis.clients.jedis.UnifiedJedis";

    private StoreResources() {
    }

    /** {@code configuration} with the bean the configured store can use, if the application has one. */
    static TrackingNumberConfiguration withBeans(TrackingNumberConfiguration configuration, BeanFactory beans) {
        String store = configuration.get(STORE).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (store.equals("jdbc")) {
            DataSource dataSource = beans.getBeanProvider(DataSource.class).getIfUnique();
            return dataSource == null ? configuration : configuration.withResource(DataSource.class, dataSource);
        }
        if (store.equals("redis") && ClassUtils.isPresent(JEDIS, StoreResources.class.getClassLoader())) {
            return JedisResource.withClient(configuration, beans);
        }
        return configuration;
    }

    /**
     * What the generator's store is: {@code custom} for an application's {@link ReservationStore}
     * bean, else the value of {@code tracknum.store} (never a URL or user).
     */
    static String kind(TrackingNumberConfiguration configuration, BeanFactory beans) {
        if (beans.getBeanProvider(ReservationStore.class).getIfUnique() != null) {
            return CUSTOM;
        }
        return configuration.get(STORE).map(s -> s.toLowerCase(Locale.ROOT)).orElse(CUSTOM);
    }
}
