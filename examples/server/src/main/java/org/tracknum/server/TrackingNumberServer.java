package org.tracknum.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.TrackingNumberException;
import org.tracknum.TrackingNumberGenerator;

/**
 * {@code tracknum-server}: the reference's REST API on top of a {@link TrackingNumberGenerator}.
 *
 * <pre>
 * java -jar tracknum-server.jar [--host 127.0.0.1] [--port 8000] [--threads 64] [--config tracknum.properties]
 * </pre>
 *
 * <p>The store comes from {@code tracknum.*} configuration (system properties, {@code TRACKNUM_*}
 * environment variables, the {@code --config} file); with none, an embedded H2 database under
 * {@code ./data}. Requests run on a fixed pool of threads so that concurrent requests share the
 * generator's batches. On SIGTERM the server stops accepting requests, lets those in flight
 * finish, then closes the store.
 */
public final class TrackingNumberServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingNumberServer.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final RequestGate gate;
    private final TrackingNumberGenerator generator;
    private final AtomicInteger closed = new AtomicInteger();

    private TrackingNumberServer(HttpServer http, ThreadPoolExecutor executor, RequestGate gate,
                                 TrackingNumberGenerator generator) {
        this.http = http;
        this.executor = executor;
        this.gate = gate;
        this.generator = generator;
    }

    /** Serves {@code generator} on {@code address}; closing the server closes the generator. */
    static TrackingNumberServer start(TrackingNumberGenerator generator, String storeName, InetSocketAddress address,
                                      int threads) throws IOException {
        tuneJdkServer();
        HttpServer http = HttpServer.create(address, 1024);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new RequestThreads());
        executor.prestartAllCoreThreads();
        RequestGate gate = new RequestGate();
        http.createContext("/", new ApiHandler(generator, storeName, gate));
        http.setExecutor(executor);
        http.start();
        return new TrackingNumberServer(http, executor, gate, generator);
    }

    /**
     * The JDK server writes headers and body in two packets: without TCP_NODELAY every response
     * waits for the client's delayed ACK (about 40 ms). Its idle-connection cap (200) would close
     * keep-alive connections beyond it. Both read once, before the first server is created.
     */
    private static void tuneJdkServer() {
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Where the server listens (the real port when started with port 0). */
    InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops accepting requests, lets requests in flight answer, then closes the store. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndIncrement() > 0) {
            return;
        }
        if (!gate.close(DRAIN_TIMEOUT)) {
            LOG.warn("requests still in flight after {} s; closing anyway", DRAIN_TIMEOUT.toSeconds());
        }
        http.stop(0);
        shutDown(executor);
        generator.close();
        LOG.info("Tracknum server stopped; store closed");
    }

    private static void shutDown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
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
        setIfAbsent("org.jboss.logging.provider", "slf4j"); // Hibernate Validator logs through slf4j too
        WarmUp.start();
        String storeName = chooseStore(options);
        TrackingNumberGenerator generator = openGenerator();
        if (generator == null) {
            return 1;
        }
        TrackingNumberServer server;
        try {
            server = start(generator, storeName, new InetSocketAddress(options.host(), options.port()),
                    options.threads());
        } catch (IOException | RuntimeException e) {
            generator.close();
            LOG.error("cannot listen on {} port {}: {}", options.host(), options.port(), e.toString());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tracknum-shutdown"));
        LOG.info("Tracknum server listening on http://{}:{}/ with store {} ({}), {} request threads, "
                + "{} ms after the JVM started", hostForUrl(options.host()), server.address().getPort(), storeName,
                generator, options.threads(),
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        return 0;
    }

    private static String chooseStore(ServerOptions options) {
        StoreDefaults.Choice choice = StoreDefaults.apply(options.configFile(), System.getProperties(), System.getenv());
        if (choice.embeddedDefault()) {
            LOG.info("no tracknum.store configured: keeping numbers in the embedded H2 database under ./data "
                    + "(TRACKNUM_STORE, TRACKNUM_JDBC_URL, TRACKNUM_REDIS_URL or --config choose another store)");
        }
        return choice.store();
    }

    /** The generator as configured, or null after logging why it cannot be built. */
    private static TrackingNumberGenerator openGenerator() {
        try {
            return TrackingNumberGenerator.fromEnvironment();
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

    /** Named, non-daemon request threads. */
    private static final class RequestThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tracknum-http-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        }
    }
}
