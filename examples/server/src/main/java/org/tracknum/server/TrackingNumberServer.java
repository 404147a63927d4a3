package org.tracknum.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.TrackingNumberConfiguration;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;

/**
 * {@code tracknum-server}: the reference's REST API on top of a {@link TrackingNumberGenerator},
 * served by Jetty's core HTTP/1.1 server.
 *
 * <pre>
 * java -jar tracknum-server.jar [--host 127.0.0.1] [--port 8000] [--threads 64] [--config tracknum.properties] ...
 * </pre>
 *
 * <p>The store comes from {@code tracknum.*} configuration (system properties, {@code TRACKNUM_*}
 * environment variables, the {@code --config} file); with none, an embedded H2 database under
 * {@code ./data}. Every bound of the HTTP layer is a {@link ServerOptions} option. Requests that
 * touch the store run on a fixed pool of workers so that concurrent requests share the generator's
 * batches; Jetty's own threads only parse and write. On SIGTERM the server stops accepting
 * connections and requests, lets those in flight finish, then closes the store.
 */
public final class TrackingNumberServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingNumberServer.class);
    /** How often {@code /health} may ping the store at most. */
    private static final long HEALTH_INTERVAL_NANOS = 1_000_000_000L;
    /** Jetty's own threads: the acceptor, two selectors, and the parsing and writing of answers. */
    private static final int JETTY_THREADS = 16;

    private final Server jetty;
    private final ServerConnector connector;
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private final ConnectionGuard guard;
    private final RequestGate gate;
    private final TrackingNumberGenerator generator;
    private final ServerOptions options;
    private final AtomicInteger closed = new AtomicInteger();

    private TrackingNumberServer(Server jetty, ServerConnector connector, Workers workers,
                                 ScheduledExecutorService timer, ConnectionGuard guard, RequestGate gate,
                                 TrackingNumberGenerator generator, ServerOptions options) {
        this.jetty = jetty;
        this.connector = connector;
        this.workers = workers;
        this.timer = timer;
        this.guard = guard;
        this.gate = gate;
        this.generator = generator;
        this.options = options;
    }

    /** Serves {@code generator} as {@code options} say; closing the server closes the generator. */
    static TrackingNumberServer start(TrackingNumberGenerator generator, String storeName, ServerOptions options)
            throws Exception {
        // Jetty's threads never wait for the store, and its queue holds about one task per open
        // connection, so --max-connections bounds it (Jetty warns against a hard-bounded queue of its own).
        QueuedThreadPool jettyThreads = new QueuedThreadPool(JETTY_THREADS, 4, 60_000);
        jettyThreads.setName("tracknum-http");
        Server jetty = new Server(jettyThreads);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(1_000);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(options.maxHeaderBytes());
        http.setIdleTimeout(options.idleTimeout().toMillis());
        http.setHttpCompliance(HttpCompliance.RFC9110);
        http.setUriCompliance(UriCompliance.DEFAULT);
        ServerConnector connector = new ServerConnector(jetty, 1, 2, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        ConnectionGuard guard = new ConnectionGuard(options.maxConnections(), options.headerTimeout().toNanos());
        connector.addBean(guard);
        jetty.addConnector(connector);

        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tracknum-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        RequestGate gate = new RequestGate();
        Workers workers = new Workers(options.threads(), options.queue());
        Failures failures = new Failures(gate);
        HealthProbe health = new HealthProbe(generator::isStoreReachable, HEALTH_INTERVAL_NANOS);
        Router router = new ApiEndpoints(generator, storeName, health, openApiDocument(),
                options.maxBodyBytes()).routes();
        jetty.setHandler(new ApiHandler(router, workers, gate, failures, HostAllowList.of(options.host(),
                options.allowedHosts()), timer, options));
        try {
            jetty.start();
        } catch (Exception e) {
            workers.stop(0);
            timer.shutdownNow();
            jetty.stop();
            throw e;
        }
        guard.start(connector, timer);
        return new TrackingNumberServer(jetty, connector, workers, timer, guard, gate, generator, options);
    }

    /** The OpenAPI document served at {@code /openapi.json} (src/main/resources/openapi.json). */
    static byte[] openApiDocument() {
        try (InputStream in = TrackingNumberServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the server listens (the real port when started with port 0). */
    InetSocketAddress address() {
        return new InetSocketAddress(options.host(), connector.getLocalPort());
    }

    /**
     * Stops accepting connections, turns new requests away ({@code 503}, {@code Connection: close}),
     * lets requests in flight answer (up to {@code stop-timeout}), closes every connection, then
     * closes the store. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndIncrement() > 0) {
            return;
        }
        connector.close(); // no new connections; open ones keep working until they are answered
        if (!gate.close(options.stopTimeout())) {
            LOG.warn("requests still in flight after {} s; closing anyway", options.stopTimeout().toSeconds());
        }
        guard.stop();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP layer: {}", e.toString());
        }
        workers.stop(5_000);
        timer.shutdownNow();
        generator.close();
        LOG.info("Tracknum server stopped; store closed");
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        int failure = run(options);
        if (failure != 0) {
            System.exit(failure);
        }
    }

    /** Starts the server; returns 0 once it serves (its threads keep the JVM alive), else an exit code. */
    private static int run(ServerOptions options) {
        WarmUp.start();
        OpenedGenerator opened = openGenerator(options);
        if (opened == null) {
            return 1;
        }
        TrackingNumberServer server;
        try {
            server = start(opened.generator(), opened.storeName(), options);
        } catch (Exception e) {
            opened.generator().close();
            LOG.error("cannot listen on {} port {}: {}", options.host(), options.port(), e.toString());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tracknum-shutdown"));
        LOG.info("Tracknum server listening on http://{}:{}/ with store {} ({}), {} workers, "
                + "{} ms after the JVM started", hostForUrl(options.host()), server.address().getPort(),
                opened.storeName(), opened.generator(), options.threads(),
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        return 0;
    }

    /** The generator and the name of its store. */
    record OpenedGenerator(TrackingNumberGenerator generator, String storeName) {
    }

    /**
     * The one place the server builds its generator: the store defaults layered under the user's
     * configuration ({@link StoreDefaults}), then the library's own configuration reading. Returns
     * null after logging why it cannot be built.
     */
    static OpenedGenerator openGenerator(ServerOptions options) {
        StoreDefaults.Choice choice;
        try {
            choice = StoreDefaults.apply(options.configFile(), TrackingNumberConfiguration.fromEnvironment()
                    .ignoringEnvironmentPrefix(ServerOptions.ENV_PREFIX));
        } catch (TrackingNumberException | IllegalArgumentException e) {
            LOG.error("cannot start: {}", e.getMessage());
            return null;
        }
        if (choice.embeddedDefault()) {
            LOG.info("no tracknum.store configured: keeping numbers in the embedded H2 database under ./data "
                    + "(TRACKNUM_STORE, TRACKNUM_JDBC_URL, TRACKNUM_REDIS_URL or --config choose another store)");
        }
        try {
            return new OpenedGenerator(TrackingNumberGenerator.builder().configuration(choice.configuration()).build(),
                    choice.store());
        } catch (TrackingNumberException e) {
            LOG.error("cannot start: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("cannot start", e);
        }
        return null;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
