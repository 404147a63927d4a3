package org.tracknum.spring;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberGenerator;

/**
 * When Actuator is present: a health indicator named {@code tracknum}, up while
 * {@link TrackingNumberGenerator#isStoreReachable()}, with the detail {@code store} (the store
 * kind: {@code memory}, {@code jdbc}, {@code redis} or {@code custom}; never a URL or user).
 * Boot 3.5 and 4.0 have the health API in different packages: one nested configuration each,
 * active only where its package exists. {@code management.health.tracknum.enabled=false} turns it off.
 */
@AutoConfiguration(after = TrackingNumberAutoConfiguration.class)
@ConditionalOnBean(TrackingNumberGenerator.class)
public class TrackingNumberHealthAutoConfiguration {
    static final String BEAN = "tracknumHealthIndicator";

    static String kind(Environment environment, BeanFactory beans) {
        return StoreResources.kind(TrackingNumberConfiguration.fromMap(SpringSettings.read(environment)), beans);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3 {

        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("tracknum")
        org.springframework.boot.actuate.health.HealthIndicator tracknumHealthIndicator(
                TrackingNumberGenerator generator, Environment environment, BeanFactory beans) {
            String kind = kind(environment, beans);
            return () -> (generator.isStoreReachable() ? org.springframework.boot.actuate.health.Health.up()
                    : org.springframework.boot.actuate.health.Health.down()).withDetail("store", kind).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {

        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("tracknum")
        org.springframework.boot.health.contributor.HealthIndicator tracknumHealthIndicator(
                TrackingNumberGenerator generator, Environment environment, BeanFactory beans) {
            String kind = kind(environment, beans);
            return () -> (generator.isStoreReachable() ? org.springframework.boot.health.contributor.Health.up()
                    : org.springframework.boot.health.contributor.Health.down()).withDetail("store", kind).build();
        }
    }
}
