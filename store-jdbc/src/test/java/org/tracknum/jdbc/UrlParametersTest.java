package org.tracknum.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracknum.ConfigurationException;

/** URLs from configuration cannot run code, read or write files, or remove the time bounds. */
class UrlParametersTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=S3cretPw";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=S3cretPw";
    private static final String MYSQL = "jdbc:mysql://127.0.0.1:3306/test?user=root&password=S3cretPw";

    @TempDir
    Path dir;

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'evil.sql'", "init"),
                Arguments.of("jdbc:h2:mem:x;init=CREATE ALIAS X AS 'String x() { return null; }'", "init"),
                Arguments.of("jdbc:h2:mem:x;TRACE_LEVEL_FILE=3", "trace_level_file"),
                Arguments.of("jdbc:h2:mem:x;TRACE_LEVEL_SYSTEM_OUT=3", "trace_level_system_out"),
                Arguments.of("jdbc:h2:mem:x;TRACE_MAX_FILE_SIZE=100", "trace_max_file_size"),
                Arguments.of("jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE", "auto_server"),
                Arguments.of("jdbc:h2:file:/tmp/x;AUTO_SERVER_PORT=9090", "auto_server_port"),
                Arguments.of("jdbc:h2:mem:x;DATABASE_EVENT_LISTENER='com.evil.Listener'", "database_event_listener"),
                Arguments.of("jdbc:h2:mem:x;JAVA_OBJECT_SERIALIZER='com.evil.S'", "java_object_serializer"),
                Arguments.of("jdbc:h2:mem:x;AUTHENTICATOR=TRUE", "authenticator"),
                Arguments.of("jdbc:sqlite:/tmp/x.db?enable_load_extension=true", "enable_load_extension"),
                Arguments.of(MARIADB + "&allowLocalInfile=true", "allowlocalinfile"),
                Arguments.of(MARIADB + "&allowLocalInfile", "allowlocalinfile"),
                Arguments.of(MYSQL + "&allowLoadLocalInfile=TRUE", "allowloadlocalinfile"),
                Arguments.of(MYSQL + "&allowLoadLocalInfileInPath=/", "allowloadlocalinfileinpath"),
                Arguments.of(MYSQL + "&allowUrlInLocalInfile=true", "allowurlinlocalinfile"),
                Arguments.of(MARIADB + "&autoDeserialize=true", "autodeserialize"),
                Arguments.of(MYSQL + "&autoDeserialize=true", "autodeserialize"),
                Arguments.of(MARIADB + "&socketFactory=com.evil.F", "socketfactory"),
                Arguments.of(MARIADB + "&tlsSocketType=com.evil.T", "tlssockettype"),
                Arguments.of(MYSQL + "&queryInterceptors=com.evil.I", "queryinterceptors"),
                Arguments.of(MYSQL + "&propertiesTransform=com.evil.P", "propertiestransform"),
                Arguments.of(MYSQL + "&logger=com.evil.L", "logger"),
                Arguments.of(MYSQL + "&serverRSAPublicKeyFile=/etc/passwd", "serverrsapublickeyfile"),
                Arguments.of("jdbc:mysql://address=(host=127.0.0.1)(port=3306)(allowLoadLocalInfile=true)/test",
                        "allowloadlocalinfile"),
                Arguments.of(MYSQL + "&autoDe%73erialize=true", "autodeserialize"),
                Arguments.of(PG + "&socketFactory=com.evil.F", "socketfactory"),
                Arguments.of(PG + "&socketFactoryArg=x", "socketfactoryarg"),
                Arguments.of(PG + "&sslfactory=com.evil.F", "sslfactory"),
                Arguments.of(PG + "&sslfactoryarg=x", "sslfactoryarg"),
                Arguments.of(PG + "&sslhostnameverifier=com.evil.V", "sslhostnameverifier"),
                Arguments.of(PG + "&sslpasswordcallback=com.evil.C", "sslpasswordcallback"),
                Arguments.of(PG + "&authenticationPluginClassName=com.evil.A", "authenticationpluginclassname"),
                Arguments.of(PG + "&loggerFile=/tmp/pg.log", "loggerfile"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void parametersThatOpenDoorsAreRefusedByName(String url, String parameter) {
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JDBC URL parameter " + parameter + " ")
                .hasMessageContaining("dataSource")
                .hasMessageNotContaining("S3cretPw").hasMessageNotContaining("evil");
    }

    @Test
    void anH2InitScriptNeverRuns() throws Exception {
        Path marker = dir.resolve("marker.txt");
        Path script = dir.resolve("init.sql");
        Files.writeString(script, "CALL FILE_WRITE('x', '" + marker.toAbsolutePath().toString().replace("'", "''") + "');");
        String url = TestDatabases.h2Url(dir) + ";INIT=RUNSCRIPT FROM '" + script.toAbsolutePath() + "'";
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).build())
                .isInstanceOf(ConfigurationException.class);
        assertThat(marker).doesNotExist();
        String traced = TestDatabases.h2Url(dir) + ";TRACE_LEVEL_FILE=3";
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(traced).build())
                .isInstanceOf(ConfigurationException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".trace.db"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PG + "&socketTimeout=0", PG + "&connectTimeout=0", PG + "&loginTimeout=0",
        MARIADB + "&socketTimeout=0", MARIADB + "&connectTimeout=0", MYSQL + "&socketTimeout=0",
        MYSQL + "&socketTimeout=-5", PG + "&socketTimeout=forever"})
    void timeoutsThatWaitForeverAreRefused(String url) {
        assertThatThrownBy(() -> JdbcReservationStore.builder().url(url).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageMatching("JDBC URL parameter (sockettimeout|connecttimeout|logintimeout)\\b.*")
                .hasMessageNotContaining("S3cretPw");
    }

    @Test
    void harmlessParametersPassAndAnOverriddenTimeoutIsLogged() {
        assertThat(UrlParameters.parameters("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;MODE=PostgreSQL"))
                .containsKeys("db_close_delay", "mode");
        UrlParameters.check("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        UrlParameters.check(MARIADB + "&allowLocalInfile=false&useSsl=true");
        UrlParameters.check(PG + "&sslmode=require&ApplicationName=tracknum");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            UrlParameters.check(PG + "&socketTimeout=120");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("WARN").contains("sockettimeout=120").contains("overrides the store's own")
                .doesNotContain("S3cretPw");
    }
}
