package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tracknum.MemoryReservationStore;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.micrometer.MicrometerTrackingNumberListener;
import org.tracknum.testkit.ReservationStoreContract;
import org.tracknum.testkit.TestRequests;

class HealthAndMetricsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TrackingNumberAutoConfiguration.class,
                    TrackingNumberMetricsAutoConfiguration.class, TrackingNumberHealthAutoConfiguration.class));

    @Test
    void healthIsUpWithTheStoreKindOnly() {
        runner.withPropertyValues("tracknum.store=memory").run(context -> {
            BootLine.Health health = BootLine.Health.of(context.getBean(TrackingNumberHealthAutoConfiguration.BEAN));
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).isEqualTo(Map.of("store", "memory"));
        });
    }

    @Test
    void healthIsDownWhileTheStoreIsUnreachable() {
        runner.withBean(SwitchableStore.class).run(context -> {
            Object indicator = context.getBean(TrackingNumberHealthAutoConfiguration.BEAN);
            assertThat(BootLine.Health.of(indicator).status()).isEqualTo("UP");
            context.getBean(SwitchableStore.class).reachable = false;
            BootLine.Health down = BootLine.Health.of(indicator);
            assertThat(down.status()).isEqualTo("DOWN");
            assertThat(down.details()).isEqualTo(Map.of("store", "custom"));
        });
    }

    @Test
    void noHealthIndicatorWithoutActuatorOrWhenDisabled() {
        runner.withPropertyValues("tracknum.store=memory")
                .withClassLoader(new FilteredClassLoader(BootLine.healthPackages()))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TrackingNumberGenerator.class);
                    assertThat(context).doesNotHaveBean(TrackingNumberHealthAutoConfiguration.BEAN);
                });
        runner.withPropertyValues("tracknum.store=memory", "management.health.tracknum.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TrackingNumberHealthAutoConfiguration.BEAN));
    }

    @Test
    void metersCountIssuesAndFailuresTaggedWithTheStore() {
        runner.withPropertyValues("tracknum.store=memory", "tracknum.format=s10", "tracknum.format.s10.service-indicator=RR",
                        "tracknum.format.s10.serial-min=1", "tracknum.format.s10.serial-max=1",
                        "tracknum.retry.max-collisions=3")
                .withBean(SimpleMeterRegistry.class)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
                    assertThat(registry.get("tracknum.collisions").tag("store", "memory").counter().count()).isZero();
                    generator.next(TestRequests.unique());
                    try {
                        generator.next(TestRequests.unique());
                    } catch (RuntimeException expected) {
                        // the one-number space is used up
                    }
                    assertThat(registry.get("tracknum.issued").tag("store", "memory").timer().count()).isEqualTo(1);
                    assertThat(registry.get("tracknum.collisions").counter().count()).isGreaterThanOrEqualTo(3);
                    assertThat(registry.get("tracknum.failures").tag("exception", "NumberSpaceExhaustedException")
                            .tag("store", "memory").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void noMetricsWithoutMicrometerOrWithoutARegistry() {
        runner.withPropertyValues("tracknum.store=memory").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerTrackingNumberListener.class));
        runner.withPropertyValues("tracknum.store=memory").withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TrackingNumberGenerator.class)
                        .doesNotHaveBean(MicrometerTrackingNumberListener.class));
    }

    @Test
    void theApplicationsStoreBeanIsTaggedCustom() {
        runner.withBean(SwitchableStore.class).withBean(SimpleMeterRegistry.class).run(context -> {
            context.getBean(TrackingNumberGenerator.class).next(TestRequests.unique());
            assertThat(context.getBean(MeterRegistry.class).get("tracknum.issued").tag("store", "custom")
                    .timer().count()).isEqualTo(1);
        });
    }

    /** A real memory store whose ping can be made to fail, as an unreachable server's would. */
    static class SwitchableStore extends ReservationStoreContract.KeptOpen {
        volatile boolean reachable = true;

        SwitchableStore() {
            super(new MemoryReservationStore());
        }

        @Override
        public void ping() {
            if (!reachable) {
                throw new IllegalStateException("switched off");
            }
            super.ping();
        }
    }
}
