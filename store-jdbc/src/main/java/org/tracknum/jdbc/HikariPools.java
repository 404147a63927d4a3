package org.tracknum.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.tracknum.ConfigurationException;

/**
 * Builds the HikariCP pool for a store configured by URL, with the driver properties that bound
 * every call in time (drivers default to waiting forever) and keep row data out of messages. A
 * property given in the URL wins over these (drivers read the URL last).
 */
final class HikariPools {
    private HikariPools() {
    }

    static HikariDataSource create(String url, String username, String password, int poolSize, Timeouts timeouts) {
        UrlParameters.check(url);
        Properties driverProperties = driverProperties(url, timeouts);
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ConfigurationException("no JDBC driver for " + scheme(url) + " URLs (tracknum.jdbc.url) is on the"
                    + " classpath: add " + driverArtifact(url));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("tracknum-jdbc");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setConnectionTimeout(timeouts.connect().toMillis());
        config.setValidationTimeout(Math.max(250, timeouts.connect().toMillis() / 2));
        config.setInitializationFailTimeout(-1); // the store's build() connects and reports the failure itself
        config.setDataSourceProperties(driverProperties);
        return new HikariDataSource(config);
    }

    /** Connect, socket and lock timeouts for the driver the URL names. */
    static Properties driverProperties(String url, Timeouts timeouts) {
        Properties p = new Properties();
        String scheme = scheme(url);
        switch (scheme) {
            case "jdbc:postgresql:":
                p.setProperty("logServerErrorDetail", "false");
                p.setProperty("connectTimeout", Integer.toString(Timeouts.seconds(timeouts.connect())));
                p.setProperty("loginTimeout", Integer.toString(Timeouts.seconds(timeouts.connect())));
                p.setProperty("socketTimeout", Integer.toString(Timeouts.seconds(timeouts.socket())));
                p.setProperty("options", "-c lock_timeout=" + timeouts.lock().toMillis());
                p.setProperty("tcpKeepAlive", "true");
                break;
            case "jdbc:mariadb:":
                p.setProperty("connectTimeout", Long.toString(timeouts.connect().toMillis()));
                p.setProperty("socketTimeout", Integer.toString(timeouts.socketMillis()));
                break;
            case "jdbc:mysql:":
                p.setProperty("connectTimeout", Long.toString(timeouts.connect().toMillis()));
                p.setProperty("socketTimeout", Integer.toString(timeouts.socketMillis()));
                p.setProperty("sessionVariables", "innodb_lock_wait_timeout=" + Timeouts.seconds(timeouts.lock()));
                break;
            case "jdbc:h2:":
            case "jdbc:sqlite:":
                break; // embedded: the dialect sets lock timeouts on each connection
            default:
                throw new ConfigurationException("unsupported JDBC URL " + scheme + "... (tracknum.jdbc.url): the JDBC"
                        + " store supports jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:h2: and jdbc:sqlite:");
        }
        return p;
    }

    /** {@code jdbc:postgresql:} from a URL, never more (the rest may hold a password). */
    static String scheme(String url) {
        int second = url.indexOf(':', 5);
        return second < 0 ? url.substring(0, Math.min(url.length(), 5)) : url.substring(0, second + 1).toLowerCase(Locale.ROOT);
    }

    private static String driverArtifact(String url) {
        switch (scheme(url)) {
            case "jdbc:postgresql:":
                return "org.postgresql:postgresql";
            case "jdbc:mariadb:":
                return "org.mariadb.jdbc:mariadb-java-client";
            case "jdbc:mysql:":
                return "com.mysql:mysql-connector-j";
            case "jdbc:h2:":
                return "com.h2database:h2";
            default:
                return "org.xerial:sqlite-jdbc";
        }
    }
}
