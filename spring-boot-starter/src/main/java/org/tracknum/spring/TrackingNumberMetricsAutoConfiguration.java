package org.tracknum.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.micrometer.MicrometerTrackingNumberListener;

/**
 * When Micrometer and a {@link MeterRegistry} bean are present: a
 * {@link MicrometerTrackingNumberListener} bean, which the generator picks up like any listener.
 * After Boot's registry auto-configuration (named for Boot 3.5 and for 4.0, where it moved).
 */
@AutoConfiguration(before = TrackingNumberAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class TrackingNumberMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerTrackingNumberListener tracknumMetricsListener(MeterRegistry registry, Environment environment,
                                                             BeanFactory beans) {
        TrackingNumberConfiguration configuration = TrackingNumberConfiguration.fromMap(SpringSettings.read(environment));
        return new MicrometerTrackingNumberListener(registry, StoreResources.kind(configuration, beans));
    }
}
