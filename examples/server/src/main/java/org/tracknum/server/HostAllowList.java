package org.tracknum.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} names the server answers (a defence against DNS rebinding: a web page whose
 * name an attacker re-points at 127.0.0.1 still sends its own name as {@code Host}). Bound to a
 * loopback address, only loopback names are served: {@code localhost}, {@code *.localhost},
 * {@code 127.x.x.x}, {@code [::1]}, plus the configured names. Bound elsewhere, any name is served
 * unless names are configured. {@code *} serves any name. Others get {@code 421}.
 */
final class HostAllowList {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean any;
    private final Set<String> names;

    private HostAllowList(boolean any, Set<String> names) {
        this.any = any;
        this.names = names;
    }

    static HostAllowList of(String bindHost, List<String> configured) {
        if (configured.contains("*")) {
            return new HostAllowList(true, Set.of());
        }
        if (configured.isEmpty() && !isLoopbackAddress(bindHost)) {
            return new HostAllowList(true, Set.of());
        }
        return new HostAllowList(false, Set.copyOf(configured));
    }

    /** True if {@code host} (a name or address, IPv6 in brackets, no port) may be served. */
    boolean allows(String host) {
        if (any) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return isLoopbackName(name) || names.contains(name);
    }

    private static boolean isLoopbackName(String name) {
        if (name.equals("localhost") || name.endsWith(".localhost") || IPV4_LOOPBACK.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]") && name.indexOf(':') > 0) {
            try { // an IPv6 literal: parsed, never looked up
                return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isLoopbackAddress(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
