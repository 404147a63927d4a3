package org.tracknum.server;

import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request that Jetty parsed: the checks that apply to all of them (shutdown, header count,
 * {@code Host}, request-target form), then the {@link Router}'s endpoint. Endpoints that touch the
 * store run on the bounded {@link Workers} pool, so that no connection thread ever waits for the
 * store; every request is answered within the request timeout, and every answer is JSON with
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}. Never an HTML page,
 * never a stack trace, never request data in the log.
 */
final class ApiHandler extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final HttpField CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, JSON_TYPE);
    static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    private final Router router;
    private final Workers workers;
    private final RequestGate gate;
    private final BodyBudget bodies;
    private final Failures failures;
    private final HostAllowList hosts;
    private final ScheduledExecutorService timer;
    private final long requestTimeoutNanos;
    private final int maxHeaders;

    ApiHandler(Router router, Workers workers, RequestGate gate, Failures failures, HostAllowList hosts,
               ScheduledExecutorService timer, ServerOptions options) {
        this.router = router;
        this.workers = workers;
        this.gate = gate;
        this.bodies = new BodyBudget(options.maxBodyMemory());
        this.failures = failures;
        this.hosts = hosts;
        this.timer = timer;
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.maxHeaders = options.maxHeaders();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!gate.enter()) {
            send(request, response, callback, Failures.shuttingDown().with("Connection", "close"));
            return true;
        }
        InFlight flight = new InFlight(request, response, new LeavingGate(callback));
        try {
            Reply refused = refuse(request);
            if (refused != null) {
                flight.answer(refused);
                return true;
            }
            Router.Match match = router.match(request.getHttpURI().getPath());
            if (match == null) {
                flight.answer(ErrorCode.NOT_FOUND.reply());
                return true;
            }
            Router.Action action = match.route().action(request.getMethod());
            if (action == null) {
                flight.answer(ErrorCode.METHOD_NOT_ALLOWED.reply("Method \"" + printable(request.getMethod())
                        + "\" not allowed.").with("Allow", match.route().allow()));
                return true;
            }
            flight.startTimer();
            if (action.takesBody()) {
                readBody(flight, action, match.segment());
            } else {
                run(flight, action, new Exchange(request, match.segment(), null));
            }
        } catch (RuntimeException e) {
            flight.answer(failures.reply(e));
        }
        return true;
    }

    /** The answer for a request no endpoint may see, or null. */
    private Reply refuse(Request request) {
        if (request.getHeaders().size() > maxHeaders) {
            return ErrorCode.HEADERS_TOO_LARGE.reply("The request has more than " + maxHeaders + " header fields.");
        }
        java.util.List<String> codings = request.getHeaders().getCSV(HttpHeader.TRANSFER_ENCODING, false);
        if (!codings.isEmpty()) {
            if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_1_1) {
                return ErrorCode.BAD_REQUEST.reply("Transfer-Encoding is not allowed in HTTP/1.0.")
                        .with("Connection", "close");
            }
            if (codings.stream().anyMatch(coding -> !coding.strip().equalsIgnoreCase("chunked"))) {
                return ErrorCode.NOT_IMPLEMENTED.reply("Only Transfer-Encoding: chunked is supported.")
                        .with("Connection", "close");
            }
        }
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            return ErrorCode.BAD_REQUEST.reply("The request target must be a path such as /health.");
        }
        boolean hostless = !request.getHeaders().contains(HttpHeader.HOST);
        if (hostless && request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1) {
            return ErrorCode.BAD_REQUEST.reply("An HTTP/1.1 request must have a Host header.");
        }
        if (!hostless || uri.isAbsolute()) {
            if (!hosts.allows(uri.getHost())) {
                return ErrorCode.MISDIRECTED_REQUEST.reply();
            }
        }
        return null;
    }

    private void readBody(InFlight flight, Router.Action action, String segment) {
        Request request = flight.request;
        long declared = request.getLength();
        if (declared > action.maxBody()) {
            flight.answer(ErrorCode.PAYLOAD_TOO_LARGE.reply("The request body must be at most " + action.maxBody()
                    + " bytes.").with("Connection", "close"));
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (declared != 0 && !isJsonInUtf8(type)) {
            flight.answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE.reply());
            return;
        }
        long held = declared >= 0 ? declared : action.maxBody();
        if (!bodies.tryTake(held)) {
            flight.answer(ErrorCode.OVERLOADED.reply("The server holds as many request bodies as it may; retry "
                    + "later.").with("Retry-After", "1").with("Connection", "close"));
            return;
        }
        flight.holdBody(held);
        // Read without holding a thread: the rest of the body arrives while no thread waits for it.
        flight.bodyPending = true;
        BodyReader.read(request, action.maxBody(), outcome -> {
            flight.bodyPending = false;
            if (outcome.body() != null) {
                run(flight, action, new Exchange(request, segment, outcome.body()));
            } else if (outcome.tooLarge()) {
                flight.answer(ErrorCode.PAYLOAD_TOO_LARGE.reply("The request body must be at most " + action.maxBody()
                        + " bytes.").with("Connection", "close"));
            } else {
                flight.answer(ErrorCode.BAD_REQUEST.reply("The request body ended early.").with("Connection", "close"));
            }
        });
    }

    private void run(InFlight flight, Router.Action action, Exchange exchange) {
        if (action.work() == Router.Work.INLINE) {
            flight.answer(call(action.endpoint(), exchange));
            return;
        }
        if (action.fastPath() != null) {
            Reply quick = call(action.fastPath(), exchange);
            if (quick != null) {
                flight.answer(quick);
                return;
            }
        }
        try {
            workers.execute(() -> {
                if (!flight.isAnswered()) { // skipped when the request timed out while it waited
                    flight.answer(call(action.endpoint(), exchange));
                }
            });
        } catch (RejectedExecutionException e) {
            flight.answer(gate.isClosed() ? Failures.shuttingDown()
                    : ErrorCode.OVERLOADED.reply().with("Retry-After", "1"));
        }
    }

    private Reply call(Router.Endpoint endpoint, Exchange exchange) {
        try {
            return endpoint.answer(exchange);
        } catch (RuntimeException e) {
            return failures.reply(e);
        }
    }

    /** Writes {@code reply} with the headers every answer carries; a HEAD gets the headers only. */
    static void send(Request request, Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(CONTENT_TYPE);
        response.getHeaders().put(NO_STORE);
        response.getHeaders().put(NOSNIFF);
        reply.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
    }

    /**
     * {@code application/json}, in any case, with no {@code charset} or {@code charset=utf-8}
     * (RFC 8259: JSON between systems is UTF-8); other parameters are ignored.
     */
    static boolean isJsonInUtf8(String type) {
        if (type == null) {
            return false;
        }
        String[] parts = type.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A method name as sent, cut short and reduced to visible ASCII, for the 405 message. */
    private static String printable(String method) {
        String visible = method.replaceAll("[^\\x21-\\x7E]", "?");
        return visible.length() > 20 ? visible.substring(0, 20) + "..." : visible;
    }

    /** Completes Jetty's callback once the answer is written (or failed), and lets the gate count it out. */
    private final class LeavingGate extends Callback.Nested {
        LeavingGate(Callback callback) {
            super(callback);
        }

        @Override
        public void succeeded() {
            gate.leave();
            super.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            gate.leave();
            LOG.debug("could not write a response: the client went away", failure);
            super.failed(failure);
        }
    }

    /** One request from its headers to its answer: answered exactly once, by its endpoint or its timeout. */
    private final class InFlight {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;
        private final java.util.concurrent.atomic.AtomicLong heldBytes = new java.util.concurrent.atomic.AtomicLong();
        volatile boolean bodyPending;

        InFlight(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Counts the body's bytes against the {@link BodyBudget} until the answer. */
        void holdBody(long bytes) {
            heldBytes.set(bytes);
            if (answered.get()) {
                releaseBody();
            }
        }

        private void releaseBody() {
            long bytes = heldBytes.getAndSet(0);
            if (bytes > 0) {
                bodies.release(bytes);
            }
        }

        void startTimer() {
            timeout = timer.schedule(this::timedOut, requestTimeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void timedOut() {
            answer(bodyPending ? ErrorCode.REQUEST_TIMEOUT.reply().with("Connection", "close")
                    : ErrorCode.TIMEOUT.reply().with("Retry-After", "1").with("Connection", "close"));
        }

        boolean isAnswered() {
            return answered.get();
        }

        void answer(Reply reply) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
            releaseBody();
            try {
                send(request, response, callback, reply);
            } catch (RuntimeException e) {
                LOG.debug("could not write a response", e);
                callback.failed(e);
            }
        }
    }
}
