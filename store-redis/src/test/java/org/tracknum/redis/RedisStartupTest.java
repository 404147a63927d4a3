package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.TestRequests;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code build()} waits for a Redis that is still starting (refusing connections, or LOADING a
 * large AOF), within the start-up budget, and fails at once for a misconfiguration. Every server
 * is the test's own, on a free port.
 */
class RedisStartupTest {
    private static final int KEYS = 400_000;
    private static final String LONG_BUDGET = "60s";
    private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static Properties redis(String url, String budget) {
        Properties p = new Properties();
        p.setProperty("tracknum.store", "redis");
        p.setProperty("tracknum.redis.url", url);
        p.setProperty("tracknum.redis.key-prefix", "tnstart:" + UUID.randomUUID().toString().substring(0, 8) + ":");
        p.setProperty("tracknum.redis.timeout", "1s");
        p.setProperty("tracknum.startup.budget", budget);
        return p;
    }

    @Test
    void buildWaitsWhileRedisIsLoadingALargeAof() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "everysec",
                "--aof-use-rdb-preamble", "no", "--enable-debug-command", "yes")) {
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                    DefaultJedisClientConfig.builder().timeoutMillis(60_000).build())) {
                jedis.sendCommand(DEBUG, "POPULATE", String.valueOf(KEYS), "tnload:k", "40");
                jedis.bgrewriteaof();
                awaitRewrite(jedis);
            }
            server.kill9();
            server.restartWithoutWaiting();
            int loadingReplies = awaitLoading(server);
            long start = System.nanoTime();
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.fromProperties(redis(server.url(),
                    LONG_BUDGET))) {
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                try (Jedis jedis = server.connect()) {
                    assertThat(jedis.dbSize()).as("the whole AOF is loaded when build() returns")
                            .isGreaterThanOrEqualTo(KEYS);
                }
                assertThat(generator.next(TestRequests.unique()).trackingNumber()).isNotBlank();
                System.out.printf("Redis answered LOADING before build() (%d); build() returned after"
                        + " %d ms%n", loadingReplies, tookMs);
            }
        }
    }

    @Test
    void buildWaitsForARedisThatStartsLate() throws Exception {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "everysec")) {
            server.kill9();
            CompletableFuture<TrackingNumberGenerator> building = CompletableFuture.supplyAsync(() ->
                    TrackingNumberGenerator.fromProperties(redis(server.url(), LONG_BUDGET)));
            try {
                Thread.sleep(1_500);
                assertThat(building).as("build() while Redis is down").isNotDone();
                server.restart();
                try (TrackingNumberGenerator generator = building.get(60, TimeUnit.SECONDS)) {
                    assertThat(generator.next(TestRequests.unique()).trackingNumber()).isNotBlank();
                }
            } finally {
                building.thenAccept(TrackingNumberGenerator::close);
            }
        }
    }

    @Test
    void theStoreBuilderWaitsToo() throws Exception {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "everysec")) {
            server.kill9();
            CompletableFuture<RedisReservationStore> building = CompletableFuture.supplyAsync(() ->
                    RedisReservationStore.builder().url(server.url()).timeout(Duration.ofSeconds(1))
                            .startupBudget(Duration.ofSeconds(60)).build());
            try {
                Thread.sleep(1_000);
                assertThat(building).isNotDone();
                server.restart();
                try (RedisReservationStore store = building.get(60, TimeUnit.SECONDS)) {
                    store.ping();
                }
            } finally {
                building.thenAccept(RedisReservationStore::close);
            }
        }
    }

    @Test
    void aWrongPasswordFailsAtOnce() {
        try (RedisServer server = RedisServer.start("--appendonly", "yes", "--requirepass", "right-pw-3K")) {
            String url = "redis://:wrong-pw-7Q@127.0.0.1:" + server.port();
            assertFailsAtOnce(url, "check the credentials");
        }
    }

    @Test
    void anUnknownHostFailsAtOnce() {
        assertFailsAtOnce("redis://no-such-host.invalid:6379", "unknown host");
    }

    @Test
    void aRefusedDurabilitySettingFailsAtOnce() {
        try (RedisServer server = RedisServer.start("--appendonly", "no")) {
            assertFailsAtOnce(server.url(), "appendonly is no");
        }
    }

    @Test
    void afterTheBudgetItNamesWhatItWaitedFor() {
        int port = RedisServer.freePort(false);
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis("redis://:never-shown-pw@127.0.0.1:"
                + port, "1500ms")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:" + port)
                .hasMessageContaining("to become available")
                .hasMessageContaining("tracknum.startup.budget")
                .hasMessageNotContaining("never-shown-pw");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(20));
    }

    private static void assertFailsAtOnce(String url, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> TrackingNumberGenerator.fromProperties(redis(url, LONG_BUDGET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("wrong-pw-7Q");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("a misconfiguration fails well within the %s start-up budget", LONG_BUDGET)
                .isLessThan(Duration.ofSeconds(15));
    }

    private static void awaitRewrite(Jedis jedis) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String info = jedis.info("persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("BGREWRITEAOF did not finish in 60 s");
    }

    /** Polls until the restarted server answers LOADING; returns how many LOADING replies it saw. */
    private static int awaitLoading(RedisServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = server.connect()) {
                jedis.ping();
                throw new IllegalStateException("Redis answered PING before any LOADING reply was seen: the AOF of "
                        + KEYS + " keys loads too fast here to test the wait for LOADING");
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("LOADING")) {
                    return 1;
                }
                throw e;
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                sleep(10); // not listening yet
            }
        }
        throw new IllegalStateException("the restarted Redis neither answered nor loaded within 30 s: " + server.log());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
