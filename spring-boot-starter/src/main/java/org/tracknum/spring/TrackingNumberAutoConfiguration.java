package org.tracknum.spring;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberFormat;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.TrackingNumberListener;
import org.tracknum.spi.ReservationStore;

/**
 * One {@link TrackingNumberGenerator} bean, unless the application defines its own, built by the
 * library from the {@code tracknum.*} properties ({@link TrackingNumberConfiguration#fromMap}):
 * the keys, defaults and messages are the library's, and an unknown or malformed key stops the
 * context from starting. The application's beans are used where it has them:
 * <ul>
 *   <li>a {@link ReservationStore}: the store (the container closes it, not the generator);</li>
 *   <li>a {@link TrackingNumberFormat}: the format;</li>
 *   <li>every {@link TrackingNumberListener}, in bean order;</li>
 *   <li>its {@code DataSource} for {@code tracknum.store=jdbc} without {@code tracknum.jdbc.url},
 *       its {@code UnifiedJedis} for {@code tracknum.store=redis} without {@code tracknum.redis.url}.</li>
 * </ul>
 * The generator is closed with the context. Each {@code next()} commits in the store's own
 * transaction, never in the caller's {@code @Transactional} one.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
public class TrackingNumberAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TrackingNumberGenerator tracknumGenerator(Environment environment, BeanFactory beans,
                                              ObjectProvider<ReservationStore> store,
                                              ObjectProvider<TrackingNumberFormat> format,
                                              ObjectProvider<TrackingNumberListener> listeners) {
        TrackingNumberConfiguration configuration = StoreResources.withBeans(
                TrackingNumberConfiguration.fromMap(SpringSettings.read(environment)), beans);
        TrackingNumberGenerator.Builder builder = TrackingNumberGenerator.builder().configuration(configuration);
        store.ifAvailable(bean -> builder.store(new ContainerOwnedStore(bean)));
        format.ifAvailable(builder::format);
        List<TrackingNumberListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.listener(CompositeListener.of(all));
        }
        return builder.build();
    }
}
