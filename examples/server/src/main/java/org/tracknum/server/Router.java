package org.tracknum.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's routes: a path template ({@code /health}, {@code /api/tracking-numbers/{number}}; a
 * trailing slash is always optional) and, per method, the endpoint that answers it. A path that
 * matches no template is a 404; a method that a matching route lacks is a 405 listing the ones it
 * has. {@code HEAD} is answered wherever {@code GET} is, unless a route says otherwise.
 */
final class Router {

    /** How an endpoint runs. */
    enum Work {
        /** Answered on the connection's thread: no store, no blocking (404s, the OpenAPI document). */
        INLINE,
        /** Calls the generator or the store: runs on the bounded worker pool, within the request timeout. */
        WORKER
    }

    /** Answers one request; may throw what the generator throws (see {@link Failures}). */
    @FunctionalInterface
    interface Endpoint {
        Reply answer(Exchange exchange);
    }

    /**
     * One method of a route.
     *
     * @param fastPath for a {@link Work#WORKER} action, tried inline first (e.g. a cached answer);
     *                 null, or returning null, sends the request to the worker pool
     * @param maxBody  the largest body it reads, or -1 when it takes none (its body is then never read)
     */
    record Action(String method, Endpoint endpoint, Work work, Endpoint fastPath, int maxBody) {
        boolean takesBody() {
            return maxBody >= 0;
        }
    }

    /** A route that matched a path, with the value of its {@code {segment}} if it has one. */
    record Match(Route route, String segment) {
    }

    static final class Route {
        private final String prefix;
        private final boolean segment;
        private final Map<String, Action> actions = new LinkedHashMap<>();
        private boolean headWithGet = true;
        private String allow;

        private Route(String template) {
            int brace = template.indexOf('{');
            this.segment = brace >= 0;
            this.prefix = segment ? template.substring(0, brace) : template;
        }

        /** The action for {@code method}, or null (HEAD falls back to GET). */
        Action action(String method) {
            Action action = actions.get(method);
            if (action == null && method.equals("HEAD") && headWithGet) {
                action = actions.get("GET");
            }
            return action;
        }

        /** The {@code Allow} header: every method the route answers. */
        String allow() {
            return allow;
        }

        private String match(String path) {
            String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (!segment) {
                return trimmed.equals(prefix) ? "" : null;
            }
            if (!trimmed.startsWith(prefix) || trimmed.length() == prefix.length()) {
                return null;
            }
            String value = trimmed.substring(prefix.length());
            return value.indexOf('/') >= 0 ? null : value;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds {@code method} on {@code template}, taking no body. */
    Router on(String method, String template, Work work, Endpoint endpoint) {
        return on(method, template, work, -1, endpoint);
    }

    /** Adds {@code method} on {@code template}, reading a body of at most {@code maxBody} bytes first. */
    Router on(String method, String template, Work work, int maxBody, Endpoint endpoint) {
        return add(template, new Action(method, endpoint, work, null, maxBody));
    }

    /** Adds {@code method} on {@code template}: {@code fastPath} inline, and if it has no answer, {@code worker}. */
    Router on(String method, String template, Endpoint fastPath, Endpoint worker) {
        return add(template, new Action(method, worker, Work.WORKER, fastPath, -1));
    }

    private Router add(String template, Action action) {
        Route route = routes.stream().filter(r -> (r.segment ? r.prefix + "{" : r.prefix).equals(key(template)))
                .findFirst().orElse(null);
        if (route == null) {
            route = new Route(template);
            routes.add(route);
        }
        route.actions.put(action.method(), action);
        route.allow = allowOf(route);
        return this;
    }

    /** Stops {@code HEAD} from being answered like {@code GET} on {@code template} (a GET that creates). */
    Router withoutHead(String template) {
        for (Route route : routes) {
            if ((route.segment ? route.prefix + "{" : route.prefix).equals(key(template))) {
                route.headWithGet = false;
                route.allow = allowOf(route);
            }
        }
        return this;
    }

    Match match(String path) {
        for (Route route : routes) {
            String segment = route.match(path);
            if (segment != null) {
                return new Match(route, segment);
            }
        }
        return null;
    }

    private static String key(String template) {
        int brace = template.indexOf('{');
        return brace >= 0 ? template.substring(0, brace) + "{" : template;
    }

    private static String allowOf(Route route) {
        List<String> methods = new ArrayList<>(route.actions.keySet());
        if (route.headWithGet && methods.contains("GET") && !methods.contains("HEAD")) {
            methods.add(methods.indexOf("GET") + 1, "HEAD");
        }
        return String.join(", ", methods);
    }
}
