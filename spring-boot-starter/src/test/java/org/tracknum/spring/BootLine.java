package org.tracknum.spring;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * What differs between Spring Boot 3.5 and 4.0 for these tests, which compile and run on both:
 * auto-configuration classes that moved, and the health API (read by reflection).
 */
final class BootLine {
    private BootLine() {
    }

    static Class<?> dataSourceAutoConfiguration() {
        return first("org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
    }

    /** The classes of the health API of both lines, to hide Actuator from a context. */
    static String[] healthPackages() {
        return new String[] {"org.springframework.boot.actuate", "org.springframework.boot.health"};
    }

    static Class<?> first(String... names) {
        for (String name : names) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // the other line's
            }
        }
        throw new AssertionError("none of these classes is on the class path: " + String.join(", ", names));
    }

    /** Status code and details of a Boot 3 or Boot 4 {@code HealthIndicator}. */
    record Health(String status, Map<String, Object> details) {
        @SuppressWarnings("unchecked")
        static Health of(Object indicator) throws ReflectiveOperationException {
            Method health = indicator.getClass().getMethod("health");
            health.setAccessible(true);
            Object result = health.invoke(indicator);
            Object status = result.getClass().getMethod("getStatus").invoke(result);
            String code = (String) status.getClass().getMethod("getCode").invoke(status);
            return new Health(code, (Map<String, Object>) result.getClass().getMethod("getDetails").invoke(result));
        }
    }
}
