package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.tracknum.IssuedTrackingNumber;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.UnifiedJedis;

/**
 * tracknum.store=jdbc / redis without a URL: the application's DataSource (Boot's HikariCP pool,
 * from spring.datasource.*) and UnifiedJedis beans, against the real PostgreSQL and Redis, on the
 * HikariCP and Jedis versions of the Boot line under test. next() commits on its own, outside the
 * caller's transaction.
 */
class ApplicationStoreBeansTest {

    @Test
    void jdbcUsesBootsDataSource() throws Exception {
        String url = Services.postgresUrl();
        String table = Services.uniqueName("tracknum_boot_");
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(BootLine.dataSourceAutoConfiguration(),
                            TrackingNumberAutoConfiguration.class))
                    .withPropertyValues("spring.datasource.url=" + url, "tracknum.store=jdbc",
                            "tracknum.jdbc.table=" + table)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        DataSource dataSource = context.getBean(DataSource.class);
                        assertThat(dataSource.getClass().getName()).isEqualTo("com.zaxxer.hikari.HikariDataSource");
                        // next() inside the caller's transaction, which then rolls back: the number stays
                        TransactionTemplate transaction = new TransactionTemplate(
                                new DataSourceTransactionManager(dataSource));
                        IssuedTrackingNumber issued = transaction.execute(status -> {
                            status.setRollbackOnly();
                            return context.getBean(TrackingNumberGenerator.class).next(TestRequests.unique());
                        });
                        try (Connection c = dataSource.getConnection();
                             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table
                                     + " WHERE tracking_number = ?")) {
                            s.setString(1, issued.trackingNumber());
                            try (ResultSet r = s.executeQuery()) {
                                r.next();
                                assertThat(r.getInt(1)).isEqualTo(1);
                            }
                        }
                    });
        } finally {
            Services.dropTable(table);
        }
    }

    @Test
    void jdbcWithAUrlBuildsItsOwnPool() throws Exception {
        String url = Services.postgresUrl();
        String table = Services.uniqueName("tracknum_boot_");
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(TrackingNumberAutoConfiguration.class))
                    .withPropertyValues("tracknum.store=jdbc", "tracknum.jdbc.url=" + url, "tracknum.jdbc.table=" + table,
                            "tracknum.jdbc.pool-size=2")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        TrackingNumberGenerator generator = context.getBean(TrackingNumberGenerator.class);
                        IssuedTrackingNumber issued = generator.next(TestRequests.unique());
                        assertThat(generator.find(issued.trackingNumber())).contains(issued);
                    });
        } finally {
            Services.dropTable(table);
        }
    }

    /**
     * The Redis store needs Jedis 7.2 or newer; the Boot BOMs manage older ones (3.5: 6.0, 4.0: 7.0).
     * On such a Jedis the context fails at start saying which version to set; on a newer one the
     * application's client is used.
     */
    @Test
    void redisUsesTheApplicationsUnifiedJedis() {
        String prefix = Services.uniqueName("tracknum-boot-") + ":";
        boolean supported = ClassUtils.isPresent("redis.clients.jedis.RedisClient", null);
        System.out.println(supported ? "Jedis has RedisClient: the store runs on it"
                : "Jedis older than 7.2: expecting the start-up message");
        try (UnifiedJedis client = Services.redis()) {
            if (!supported) {
                new ApplicationContextRunner()
                        .withConfiguration(AutoConfigurations.of(TrackingNumberAutoConfiguration.class))
                        .withBean(UnifiedJedis.class, () -> client, bean -> bean.setDestroyMethodName(""))
                        .withPropertyValues("tracknum.store=redis")
                        .run(context -> assertThat(context).getFailure().rootCause()
                                .isInstanceOf(org.tracknum.ConfigurationException.class)
                                .hasMessageContaining("needs Jedis 7.2.0 or newer")
                                .hasMessageContaining("jedis.version"));
                return;
            }
            try {
                new ApplicationContextRunner()
                        .withConfiguration(AutoConfigurations.of(TrackingNumberAutoConfiguration.class))
                        .withBean(UnifiedJedis.class, () -> client, bean -> bean.setDestroyMethodName(""))
                        .withPropertyValues("tracknum.store=redis", "tracknum.redis.key-prefix=" + prefix,
                                "tracknum.redis.durability=relaxed")
                        .run(context -> {
                            assertThat(context).hasNotFailed();
                            IssuedTrackingNumber issued = context.getBean(TrackingNumberGenerator.class)
                                    .next(TestRequests.unique());
                            assertThat(client.exists(prefix + issued.trackingNumber())).isTrue();
                        });
                assertThat(client.ping()).isEqualTo("PONG");
            } finally {
                client.keys(prefix + "*").forEach(client::del);
            }
        }
    }
}
