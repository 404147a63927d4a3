package org.tracknum;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The environment variables Kubernetes injects for every Service of the namespace ("service
 * links"), named after the Service, e.g. for a Service {@code tracknum-redis}:
 * {@code TRACKNUM_REDIS_SERVICE_HOST=10.0.0.7}, {@code TRACKNUM_REDIS_SERVICE_PORT=6379},
 * {@code TRACKNUM_REDIS_SERVICE_PORT_<NAME>=6379} (named ports), {@code TRACKNUM_REDIS_PORT=tcp://10.0.0.7:6379},
 * {@code TRACKNUM_REDIS_PORT_6379_TCP=tcp://10.0.0.7:6379} and its {@code _ADDR}, {@code _PORT} and
 * {@code _PROTO} parts. Each shape has the kind of value Kubernetes gives it: an IP address, a port
 * number, {@code proto://ip:port}, or a protocol name.
 */
final class ServiceLinks {
    private static final String IP = "(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*\\]?)";
    private static final String PORT = "\\d{1,5}";
    private static final Predicate<String> IP_VALUE = Pattern.compile(IP).asMatchPredicate();
    private static final Predicate<String> PORT_VALUE = Pattern.compile(PORT).asMatchPredicate();
    private static final Predicate<String> URL_VALUE =
            Pattern.compile("(?i)(tcp|udp|sctp)://" + IP + ":" + PORT).asMatchPredicate();
    private static final Predicate<String> PROTO_VALUE = Pattern.compile("(?i)tcp|udp|sctp").asMatchPredicate();

    private record Shape(Predicate<String> name, Predicate<String> value) {
        Shape(String name, Predicate<String> value) {
            this(Pattern.compile(name).asMatchPredicate(), value);
        }
    }

    private static final String SERVICE = "[A-Z0-9_]+";
    private static final String PORT_PROTO = SERVICE + "_PORT_\\d{1,5}_(TCP|UDP|SCTP)";
    private static final List<Shape> SHAPES = List.of(
            new Shape(SERVICE + "_SERVICE_HOST", IP_VALUE),
            new Shape(SERVICE + "_SERVICE_PORT", PORT_VALUE),
            new Shape(SERVICE + "_SERVICE_PORT_[A-Z0-9_]+", PORT_VALUE),
            new Shape(SERVICE + "_PORT", URL_VALUE),
            new Shape(PORT_PROTO, URL_VALUE),
            new Shape(PORT_PROTO + "_ADDR", IP_VALUE),
            new Shape(PORT_PROTO + "_PORT", PORT_VALUE),
            new Shape(PORT_PROTO + "_PROTO", PROTO_VALUE));

    private ServiceLinks() {
    }

    /** Whether {@code name} has the shape of a service-link variable. */
    static boolean hasShape(String name) {
        return SHAPES.stream().anyMatch(s -> s.name().test(name));
    }

    /** Whether {@code name} has a service-link shape and {@code value} is what Kubernetes puts there. */
    static boolean isLink(String name, String value) {
        String v = value == null ? "" : value.strip();
        return SHAPES.stream().anyMatch(s -> s.name().test(name) && s.value().test(v));
    }
}
