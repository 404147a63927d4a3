package org.tracknum.jdbc;

import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.tracknum.TrackingNumberSetting;
import org.tracknum.jdbc.JdbcReservationStore.Builder;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/**
 * {@code tracknum.store=jdbc}: builds a {@link JdbcReservationStore} from the
 * {@code tracknum.jdbc.*} keys that are present, with its own HikariCP pool; defaults, ranges and
 * messages are {@link JdbcReservationStore.Builder}'s (see {@link #settings()}). Without
 * {@code tracknum.jdbc.url}, a {@link DataSource} resource given to the configuration is used
 * (and not closed). Public only for {@link java.util.ServiceLoader}.
 */
public final class JdbcReservationStoreProvider implements ReservationStoreProvider {

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TrackingNumberSetting> settings() {
        return List.of(
                TrackingNumberSetting.withoutDefault(Builder.URL_KEY, "JDBC URL: jdbc:postgresql:, jdbc:mariadb:,"
                        + " jdbc:mysql:, jdbc:h2: or jdbc:sqlite: (required, unless a DataSource is given)"),
                TrackingNumberSetting.withoutDefault(Builder.USERNAME_KEY, "login user"),
                TrackingNumberSetting.withoutDefault(Builder.PASSWORD_KEY, "login password"),
                TrackingNumberSetting.of(Builder.TABLE_KEY, "table name, ^[A-Za-z_][A-Za-z0-9_]{0,57}$ (at most 58 characters)",
                        Builder.DEFAULT_TABLE),
                TrackingNumberSetting.of(Builder.POOL_SIZE_KEY, "HikariCP maximumPoolSize (1-" + Builder.MAX_POOL_SIZE
                        + ")", Builder.DEFAULT_POOL_SIZE),
                TrackingNumberSetting.of(Builder.CREATE_TABLE_KEY, "create the table if absent",
                        Builder.DEFAULT_CREATE_TABLE),
                TrackingNumberSetting.of(Builder.DURABILITY_KEY, "strict refuses a database that loses commits;"
                        + " relaxed only logs a warning", Builder.DEFAULT_DURABILITY.name().toLowerCase(Locale.ROOT)),
                TrackingNumberSetting.of(Builder.CONNECT_TIMEOUT_KEY, "getting a connection, including opening one",
                        StoreSettings.text(Builder.DEFAULT_CONNECT_TIMEOUT)),
                TrackingNumberSetting.of(Builder.SOCKET_TIMEOUT_KEY, "waiting for any reply of the database",
                        StoreSettings.text(Builder.DEFAULT_SOCKET_TIMEOUT)),
                TrackingNumberSetting.of(Builder.LOCK_TIMEOUT_KEY, "waiting for a row lock; below the socket timeout",
                        StoreSettings.text(Builder.DEFAULT_LOCK_TIMEOUT)));
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        Builder builder = JdbcReservationStore.builder().fromConfiguration()
                .startupBudget(settings.startupBudget());
        settings.get(Builder.URL_KEY).ifPresentOrElse(builder::url,
                () -> settings.resource(DataSource.class).ifPresent(builder::dataSource));
        settings.get(Builder.USERNAME_KEY).ifPresent(builder::username);
        settings.get(Builder.PASSWORD_KEY).ifPresent(builder::password);
        settings.get(Builder.TABLE_KEY).ifPresent(builder::table);
        settings.getInt(Builder.POOL_SIZE_KEY).ifPresent(builder::poolSize);
        settings.getBoolean(Builder.CREATE_TABLE_KEY).ifPresent(builder::createTable);
        settings.getDurability(Builder.DURABILITY_KEY).ifPresent(builder::durability);
        settings.getDuration(Builder.CONNECT_TIMEOUT_KEY).ifPresent(builder::connectTimeout);
        settings.getDuration(Builder.SOCKET_TIMEOUT_KEY).ifPresent(builder::socketTimeout);
        settings.getDuration(Builder.LOCK_TIMEOUT_KEY).ifPresent(builder::lockTimeout);
        return builder.build();
    }
}
