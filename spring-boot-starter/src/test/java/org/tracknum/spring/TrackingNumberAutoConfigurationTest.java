package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.MemoryReservationStore;
import org.tracknum.TrackingNumberFormat;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.TrackingNumberListener;
import org.tracknum.testkit.ReservationStoreContract;
import org.tracknum.testkit.TestRequests;

class TrackingNumberAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TrackingNumberAutoConfiguration.class));

    @Test
    void buildsTheGeneratorFromPropertiesAndClosesItWithTheContext() {
        TrackingNumberGenerator[] kept = new TrackingNumberGenerator[1];
        runner.withPropertyValues("tracknum.store=memory", "tracknum.format=none", "tracknum.format.random-length=12")
                .run(context -> {
                    TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
                    IssuedTrackingNumber issued = generator.next(TestRequests.unique());
                    assertThat(TrackingNumberFormat.builder().noPrefix().randomLength(12).build()
                            .matches(issued.trackingNumber())).isTrue();
                    assertThat(generator.find(issued.trackingNumber())).contains(issued);
                    kept[0] = generator;
                });
        assertThatThrownBy(() -> kept[0].next(TestRequests.unique())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownKeyStopsTheContextWithTheLibrarysDidYouMean() {
        runner.withPropertyValues("tracknum.store=memory", "tracknum.batch.lane=4").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("unknown configuration key tracknum.batch.lane: did you mean tracknum.batch.lanes?"));
    }

    @Test
    void relaxedNamesReachTheLibrarysValidation() {
        runner.withPropertyValues("tracknum.store=memory", "tracknum.batch.maxSize=0").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("tracknum.batch.max-size=0 is invalid"));
    }

    @Test
    void environmentVariablesBindRelaxedAndKubernetesServiceLinksAreLeftAlone() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                                "TRACKNUM_STORE", "memory",
                                "TRACKNUM_BATCH_MAX_SIZE", "0",
                                "TRACKNUM_SERVICE_HOST", "10.0.0.7",
                                "TRACKNUM_PORT", "tcp://10.0.0.7:8080"))))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("tracknum.batch.max-size=0 is invalid")
                        .hasMessageNotContaining("SERVICE").hasMessageNotContaining("tracknum.port"));
    }

    @Test
    void aYamlListIsTheCommaSeparatedValue() {
        runner.withPropertyValues("tracknum.store=memory", "tracknum.batch.lanes[0]=1", "tracknum.batch.lanes[1]=2")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.batch.lanes")
                        .hasMessageNotContaining("unknown"));
    }

    @Test
    void tracknumConfigIsRefusedWithTheSpringWay() {
        runner.withPropertyValues("tracknum.store=memory", "tracknum.config=/etc/tracknum.properties").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("spring.config.import"));
    }

    @Test
    void backsOffForTheApplicationsGenerator() {
        runner.withUserConfiguration(OwnGenerator.class).run(context -> {
            assertThat(context).hasSingleBean(TrackingNumberGenerator.class);
            assertThat(context.getBean(TrackingNumberGenerator.class)).isSameAs(context.getBean("ownGenerator"));
        });
    }

    @Test
    void usesTheApplicationsStoreFormatAndEveryListener() {
        runner.withUserConfiguration(OwnParts.class).run(context -> {
            assertThat(context).hasNotFailed();
            TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
            IssuedTrackingNumber issued = generator.next(TestRequests.unique());
            assertThat(TrackingNumberFormat.s10("RR").matches(issued.trackingNumber())).isTrue();
            assertThat(context.getBean(MemoryReservationStore.class).find(issued.trackingNumber())).contains(issued);
            assertThat(context.getBean(OwnParts.class).events).containsExactly("first", "second");
        });
    }

    @Test
    void theApplicationsStoreKeepsIdempotencyKeysThroughTheGenerator() {
        runner.withUserConfiguration(OwnParts.class).run(context -> {
            TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
            org.tracknum.ShipmentRequest request = TestRequests.unique();
            IssuedTrackingNumber first = generator.next(request, "order-4711");
            assertThat(generator.next(request, "order-4711")).isEqualTo(first);
            assertThat(generator.findByIdempotencyKey(request.customerId(), "order-4711")).contains(first);
        });
    }

    @Test
    void theApplicationsStoreIsClosedByTheContextNotByTheGenerator() {
        CountingStore[] store = new CountingStore[1];
        runner.withBean(CountingStore.class).run(context -> {
            store[0] = context.getBean(CountingStore.class);
            context.getBean(TrackingNumberGenerator.class).next(TestRequests.unique());
        });
        assertThat(store[0].closes).isEqualTo(1);
    }

    @Test
    void withoutAStoreTheLibrarySaysWhatIsMissing() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tracknum.store"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGenerator {
        @Bean
        TrackingNumberGenerator ownGenerator() {
            return TrackingNumberGenerator.builder().store(new MemoryReservationStore()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnParts {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Bean
        MemoryReservationStore ownStore() {
            return new MemoryReservationStore();
        }

        @Bean
        TrackingNumberFormat ownFormat() {
            return TrackingNumberFormat.s10("RR");
        }

        @Bean
        @Order(2)
        TrackingNumberListener second() {
            return new TrackingNumberListener() {
                @Override
                public void issued(Duration elapsed) {
                    events.add("second");
                }
            };
        }

        @Bean
        @Order(1)
        TrackingNumberListener first() {
            return new TrackingNumberListener() {
                @Override
                public void issued(Duration elapsed) {
                    events.add("first");
                }
            };
        }
    }

    /** A real memory store that counts how often it is closed. */
    static class CountingStore extends ReservationStoreContract.KeptOpen {
        volatile int closes;

        CountingStore() {
            super(new MemoryReservationStore());
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
