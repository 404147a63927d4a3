package org.tracknum.jdbc;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.tracknum.jdbc.JdbcReservationStore.Builder;
import org.tracknum.jdbc.JdbcReservationStore.Durability;
import org.tracknum.spi.ReservationStore;
import org.tracknum.spi.ReservationStoreProvider;
import org.tracknum.spi.StoreSettings;

/**
 * {@code tracknum.store=jdbc}: builds a {@link JdbcReservationStore} with its own HikariCP pool
 * from the {@code tracknum.jdbc.*} keys. Public only for {@link java.util.ServiceLoader}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><td>{@code tracknum.jdbc.url}</td><td>JDBC URL (required)</td></tr>
 *   <tr><td>{@code tracknum.jdbc.username}, {@code .password}</td><td>login</td></tr>
 *   <tr><td>{@code tracknum.jdbc.table}</td><td>table name, default {@code tracknum_numbers}</td></tr>
 *   <tr><td>{@code tracknum.jdbc.pool-size}</td><td>pool connections, default 8</td></tr>
 *   <tr><td>{@code tracknum.jdbc.create-table}</td><td>create the table if absent, default true</td></tr>
 *   <tr><td>{@code tracknum.jdbc.durability}</td><td>{@code strict} (default) or {@code relaxed}</td></tr>
 *   <tr><td>{@code tracknum.jdbc.connect-timeout}, {@code .socket-timeout}, {@code .lock-timeout}</td>
 *       <td>defaults 3s, 5s, 2s</td></tr>
 * </table>
 */
public final class JdbcReservationStoreProvider implements ReservationStoreProvider {
    static final String URL = "tracknum.jdbc.url";
    static final String USERNAME = "tracknum.jdbc.username";
    static final String PASSWORD = "tracknum.jdbc.password";
    static final String TABLE = "tracknum.jdbc.table";
    static final String POOL_SIZE = "tracknum.jdbc.pool-size";
    static final String CREATE_TABLE = "tracknum.jdbc.create-table";
    static final String DURABILITY = "tracknum.jdbc.durability";
    static final String CONNECT_TIMEOUT = "tracknum.jdbc.connect-timeout";
    static final String SOCKET_TIMEOUT = "tracknum.jdbc.socket-timeout";
    static final String LOCK_TIMEOUT = "tracknum.jdbc.lock-timeout";

    private static final Duration MAX = Duration.ofHours(1);

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String artifact() {
        return "org.tracknum:tracknum-store-jdbc";
    }

    @Override
    public Set<String> keys() {
        return Set.of(URL, USERNAME, PASSWORD, TABLE, POOL_SIZE, CREATE_TABLE, DURABILITY, CONNECT_TIMEOUT,
                SOCKET_TIMEOUT, LOCK_TIMEOUT);
    }

    @Override
    public ReservationStore create(StoreSettings settings) {
        Builder builder = JdbcReservationStore.builder()
                .url(settings.require(URL, "a JDBC URL such as jdbc:postgresql://host:5432/db"))
                .poolSize(settings.getInt(POOL_SIZE, Builder.DEFAULT_POOL_SIZE, 1, 1000))
                .table(settings.get(TABLE, NumberTable.DEFAULT_NAME))
                .createTable(settings.getBoolean(CREATE_TABLE, true))
                .durability(Durability.valueOf(settings.getChoice(DURABILITY, "strict", "strict", "relaxed")
                        .toUpperCase(Locale.ROOT)))
                .connectTimeout(settings.getDuration(CONNECT_TIMEOUT, Builder.DEFAULT_CONNECT_TIMEOUT,
                        Duration.ofMillis(500), Duration.ofMinutes(10)))
                .socketTimeout(settings.getDuration(SOCKET_TIMEOUT, Builder.DEFAULT_SOCKET_TIMEOUT,
                        Duration.ofMillis(500), MAX))
                .lockTimeout(settings.getDuration(LOCK_TIMEOUT, Builder.DEFAULT_LOCK_TIMEOUT, Duration.ofMillis(1), MAX));
        settings.get(USERNAME).ifPresent(builder::username);
        settings.get(PASSWORD).ifPresent(builder::password);
        return builder.build();
    }
}
