package org.tracknum.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;

/**
 * Checks the parameters of a JDBC URL that the store opens itself (from configuration): a
 * configuration file or environment variable must not be a way to run code, load classes, open
 * ports or read and write local files through the driver, nor to remove the store's time bounds.
 *
 * <p>Refused, with a {@link ConfigurationException} naming the parameter (never the URL, which may
 * hold a password): H2 {@code INIT} (runs SQL such as {@code RUNSCRIPT FROM 'file'}),
 * {@code TRACE_LEVEL_FILE}, {@code TRACE_LEVEL_SYSTEM_OUT}, {@code TRACE_MAX_FILE_SIZE},
 * {@code AUTO_SERVER}, {@code AUTO_SERVER_PORT}, {@code DATABASE_EVENT_LISTENER},
 * {@code JAVA_OBJECT_SERIALIZER}, {@code AUTHENTICATOR}; SQLite {@code enable_load_extension};
 * MariaDB and MySQL {@code allowLocalInfile}/{@code allowLoadLocalInfile} other than
 * {@code false}, {@code allowLoadLocalInfileInPath}, {@code allowUrlInLocalInfile},
 * {@code autoDeserialize}, {@code socketFactory}, {@code tlsSocketType},
 * {@code serverRsaPublicKeyFile} and Connector/J's class parameters (interceptors, plugins,
 * {@code propertiesTransform}, {@code logger}, load-balance strategies, ...); PostgreSQL
 * {@code socketFactory}, {@code socketFactoryArg}, {@code sslfactory}, {@code sslfactoryarg},
 * {@code sslhostnameverifier}, {@code sslpasswordcallback}, {@code authenticationPluginClassName},
 * {@code loggerFile}. A user who needs one passes their own {@code DataSource}.
 *
 * <p>Timeouts: a URL value wins over the store's driver properties. A value of {@code 0} (wait
 * forever) for {@code socketTimeout}, {@code connectTimeout} or pgjdbc's {@code loginTimeout} is
 * refused; any other value is kept and logged at WARN, as is a URL {@code options} (pgjdbc) or
 * {@code sessionVariables} (Connector/J) that replaces the store's lock timeout.
 *
 * <p>Parameters are found in every syntax the drivers read: {@code ?a=b&c=d}, H2's {@code ;A=B},
 * Connector/J's {@code (key=value)} host specifications, and a bare name without a value (which
 * some drivers read as {@code true}); names compare case-insensitively and
 * percent-encoded names are decoded first.
 */
final class UrlParameters {
    private static final Logger LOG = LoggerFactory.getLogger(UrlParameters.class);
    private static final Pattern PARAMETER = Pattern.compile(
            "(?:^|[?&;(,])\\s*([A-Za-z0-9_.\\-]+)\\s*(?:=([^&;()]*))?(?=$|[&;(),])");

    private static final Set<String> H2 = Set.of("init", "trace_level_file", "trace_level_system_out",
            "trace_max_file_size", "auto_server", "auto_server_port", "database_event_listener",
            "java_object_serializer", "authenticator");
    private static final Set<String> SQLITE = Set.of("enable_load_extension");
    private static final Set<String> MARIADB = Set.of("allowloadlocalinfileinpath", "allowurlinlocalinfile",
            "autodeserialize", "socketfactory", "tlssockettype", "serverrsapublickeyfile",
            "connectionlifecycleinterceptors", "exceptioninterceptors", "queryinterceptors", "statementinterceptors",
            "authenticationplugins", "defaultauthenticationplugin", "clientinfoprovider", "loadbalancestrategy",
            "ha.loadbalancestrategy", "loadbalanceexceptionchecker", "loadbalancesqlstatefailover",
            "propertiestransform", "profilereventhandler", "logger", "credentialtype");
    /** Refused unless {@code false}. */
    private static final Set<String> MARIADB_UNLESS_FALSE = Set.of("allowlocalinfile", "allowloadlocalinfile");
    private static final Set<String> POSTGRES = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "loggerfile");
    private static final Set<String> NETWORK_TIMEOUTS = Set.of("sockettimeout", "connecttimeout", "logintimeout");

    private UrlParameters() {
    }

    /**
     * @param url a URL from configuration (tracknum.jdbc.url)
     * @throws ConfigurationException naming the first refused parameter
     */
    static void check(String url) {
        String scheme = HikariPools.scheme(url);
        Map<String, String> parameters = parameters(url);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String name = p.getKey();
            String value = p.getValue().strip();
            boolean refused;
            switch (scheme) {
                case "jdbc:h2:":
                    refused = H2.contains(name);
                    break;
                case "jdbc:sqlite:":
                    refused = SQLITE.contains(name);
                    break;
                case "jdbc:mariadb:":
                case "jdbc:mysql:":
                    refused = MARIADB.contains(name)
                            || (MARIADB_UNLESS_FALSE.contains(name) && !value.equalsIgnoreCase("false"));
                    break;
                case "jdbc:postgresql:":
                    refused = POSTGRES.contains(name);
                    break;
                default:
                    refused = false;
            }
            if (refused) {
                throw new ConfigurationException("JDBC URL parameter " + name + " (tracknum.jdbc.url) is not accepted:"
                        + " it lets configuration run code, load classes, open a port or read or write local files."
                        + " Build the DataSource yourself and pass it to JdbcReservationStore.builder().dataSource(...)"
                        + " if you need it");
            }
            if (isNetworkDatabase(scheme) && NETWORK_TIMEOUTS.contains(name)) {
                checkTimeout(name, value);
            }
            if ((scheme.equals("jdbc:postgresql:") && name.equals("options"))
                    || (scheme.equals("jdbc:mysql:") && name.equals("sessionvariables"))) {
                LOG.warn("JDBC URL parameter {} (tracknum.jdbc.url) replaces the store's setting of the same"
                        + " property, which carries the lock timeout: include the lock timeout in it", name);
            }
        }
    }

    private static boolean isNetworkDatabase(String scheme) {
        return scheme.equals("jdbc:postgresql:") || scheme.equals("jdbc:mariadb:") || scheme.equals("jdbc:mysql:");
    }

    private static void checkTimeout(String name, String value) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("JDBC URL parameter " + name + " (tracknum.jdbc.url) must be a whole"
                    + " number greater than 0; leave it out to use the store's timeouts");
        }
        if (number <= 0) {
            throw new ConfigurationException("JDBC URL parameter " + name + "=" + number + " (tracknum.jdbc.url)"
                    + " removes the store's time bound (the driver would wait forever): leave it out and set"
                    + " tracknum.jdbc.connect-timeout / socket-timeout instead");
        }
        LOG.warn("JDBC URL parameter {}={} (tracknum.jdbc.url) overrides the store's own {} setting", name, number,
                name);
    }

    /**
     * Every {@code name=value} in the URL, names in lower case, from the URL as given and once
     * percent-decoded (Connector/J and pgjdbc decode parameters).
     */
    static Map<String, String> parameters(String url) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(url, found);
        String decoded;
        try {
            decoded = URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = url;
        }
        if (!decoded.equals(url)) {
            collect(decoded, found);
        }
        return found;
    }

    private static void collect(String url, Map<String, String> found) {
        int schemeEnd = url.indexOf(':', 5);
        Matcher m = PARAMETER.matcher(schemeEnd < 0 ? url : url.substring(schemeEnd + 1));
        while (m.find()) {
            found.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2) == null ? "" : m.group(2));
        }
    }
}
