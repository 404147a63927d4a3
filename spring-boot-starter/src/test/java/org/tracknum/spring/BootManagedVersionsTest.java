package org.tracknum.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * These tests run on the versions that the Spring Boot line's BOM manages: the build sets the
 * versions the parent POM manages itself to the BOM's, and this checks them against the BOM file
 * (starter.test.boot-bom), so the run cannot drift from the line it claims to test.
 */
class BootManagedVersionsTest {

    @Test
    void theLibrariesOnTheClassPathAreTheBomsVersions() throws Exception {
        String bom = Files.readString(Path.of(System.getProperty("starter.test.boot-bom")));
        Map<String, String> checked = Map.of(
                "jedis.version", pomVersion("redis.clients", "jedis"),
                "hikaricp.version", pomVersion("com.zaxxer", "HikariCP"),
                "hibernate-validator.version", pomVersion("org.hibernate.validator", "hibernate-validator"),
                "micrometer.version", io.micrometer.core.instrument.MeterRegistry.class.getPackage()
                        .getImplementationVersion(),
                "spring-boot.version", org.springframework.boot.SpringBootVersion.getVersion());
        System.out.println("Boot line under test: " + checked);
        java.util.List<String> overridden = java.util.List.of(System.getProperty("starter.test.overridden", "").split(","));
        checked.forEach((property, inUse) -> {
            if (overridden.contains(property)) {
                System.out.println(property + " is overridden in this run: " + inUse);
            } else if (property.equals("spring-boot.version")) {
                assertThat(System.getProperty("starter.test.boot-bom")).contains("/" + inUse + "/");
            } else {
                assertThat(inUse).as(property).isEqualTo(bomProperty(bom, property));
            }
        });
    }

    private static String bomProperty(String bom, String property) {
        Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(bom);
        assertThat(m.find()).as(property + " in the BOM").isTrue();
        return m.group(1);
    }

    private static String pomVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = BootManagedVersionsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
