package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.tracknum.ConfigurationException;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;

/**
 * A whole Spring Boot application (every auto-configuration on the class path: Boot's DataSource,
 * Actuator health, Micrometer registry) configured by a YAML file and a profile's YAML file.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringApplicationTest {

    @Test
    void aMisspelledKeyStopsTheStartWithBootsFailureReport(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .run("--spring.config.name=tracknum-app", "--tracknum.retry.budjet=5s").close())
                .hasRootCauseInstanceOf(ConfigurationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Tracknum's configuration is invalid: unknown configuration key tracknum.retry.budjet:"
                        + " did you mean tracknum.retry.budget?")
                .contains("Correct the tracknum.* property named above");
    }

    @Test
    void yamlAndProfileConfigureAJdbcGeneratorOnBootsDataSourceWithHealthAndMeters() throws Exception {
        Services.postgresUrl();
        String table = Services.uniqueName("tracknum_app_");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).profiles("jdbc")
                .run("--spring.config.name=tracknum-app", "--tracknum.jdbc.table=" + table)) {
            TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
            IssuedTrackingNumber issued = generator.next(TestRequests.unique());
            assertThat(generator.find(issued.trackingNumber())).contains(issued);
            try (var c = context.getBean(DataSource.class).getConnection();
                 var s = c.createStatement();
                 var r = s.executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
            assertThat(context.getBean(MeterRegistry.class).get("tracknum.issued").tag("store", "jdbc").timer().count())
                    .isEqualTo(1);
            assertThat(healthStatus(context, "tracknum")).isEqualTo("UP");
            assertThat(BootLine.Health.of(context.getBean(TrackingNumberHealthAutoConfiguration.BEAN)).details())
                    .containsOnlyKeys("store").containsEntry("store", "jdbc");
        } finally {
            Services.dropTable(table);
        }
    }

    /** The status of one component as Actuator's health endpoint reports it. */
    private static String healthStatus(ConfigurableApplicationContext context, String component) throws Exception {
        Object endpoint = context.getBean(BootLine.first("org.springframework.boot.actuate.health.HealthEndpoint",
                "org.springframework.boot.health.actuate.endpoint.HealthEndpoint"));
        Method forPath = endpoint.getClass().getMethod("healthForPath", String[].class);
        Object health = forPath.invoke(endpoint, (Object) new String[] {component});
        assertThat(health).as("health of " + component).isNotNull();
        Object status = health.getClass().getMethod("getStatus").invoke(health);
        return (String) status.getClass().getMethod("getCode").invoke(status);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
