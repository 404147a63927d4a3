package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tracknum.RetryPolicy;
import org.tracknum.StoreUnavailableException;
import org.tracknum.TrackingNumberGenerator;
import org.tracknum.testkit.FailoverRun;
import org.tracknum.testkit.History;
import org.tracknum.spi.ReservationOutcome.Status;
import org.tracknum.testkit.History;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Fault runs on a Redis this test owns ({@code appendonly yes}, {@code appendfsync always}): 8
 * threads call {@code next()} while the server is killed and restarted, paused, or has its
 * connections killed. The history checker then proves, on a fresh store over the same server, that
 * no number was returned twice and every returned number is stored with its caller's request;
 * after the kill -9 the same generator must also issue again by itself.
 */
class RedisFaultTest {
    private static final int THREADS = 8;
    private static final String[] DURABLE = {"--appendonly", "yes", "--appendfsync", "always"};

    @Test
    void killNineMidRunLosesAndDuplicatesNothing() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            FailoverRun run = new FailoverRun("Redis kill -9 + restart, appendfsync always");
            try (RedisReservationStore store = RedisReservationStore.builder().url(server.url())
                    .timeout(Duration.ofMillis(500)).build()) {
                run.run(store, RetryPolicy.defaults(), r -> {
                    RedisServer.sleep(Duration.ofMillis(1500));
                    server.kill9();
                    r.faulted();
                    RedisServer.sleep(Duration.ofMillis(300));
                    server.restart();
                    r.event("restarted");
                }, Duration.ofMillis(1500));
            }
            try (RedisReservationStore checker = RedisReservationStore.builder().url(server.url()).build()) {
                FailoverRun.Figures figures = run.check(checker);
                assertThat(figures.acknowledged()).isPositive();
            }
        }
    }

    @Test
    void pausedServerEndsCallsAsUnavailableOrRecovered() throws Exception {
        RetryPolicy shortBudget = RetryPolicy.builder().budget(Duration.ofMillis(1500)).build();
        try (RedisServer server = RedisServer.start(DURABLE)) {
            History.Summary summary = run("SIGSTOP", server, shortBudget, () -> {
                RedisServer.sleep(Duration.ofMillis(600));
                server.pause();
                try {
                    RedisServer.sleep(Duration.ofMillis(2000));
                } finally {
                    server.resume();
                }
                RedisServer.sleep(Duration.ofMillis(800));
            });
            assertThat(summary.failures().keySet()).isSubsetOf("StoreUnavailableException");
            assertThat(summary.failed()).as("calls caught by the pause outlast the 1.5 s budget").isPositive();
        }
    }

    @Test
    void clientKillStormLosesAndDuplicatesNothing() throws Exception {
        try (RedisServer server = RedisServer.start(DURABLE)) {
            History.Summary summary = run("CLIENT KILL", server, RetryPolicy.defaults(), () -> {
                try (Jedis killer = server.connect()) {
                    ClientKillParams everyoneElse = ClientKillParams.clientKillParams()
                            .type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES);
                    long end = System.nanoTime() + Duration.ofMillis(2000).toNanos();
                    while (System.nanoTime() < end) {
                        killer.clientKill(everyoneElse);
                        RedisServer.sleep(Duration.ofMillis(15));
                    }
                }
                RedisServer.sleep(Duration.ofMillis(300));
            });
            assertThat(summary.ok()).isPositive();
        }
    }

    /** 8 threads of next() until {@code fault} has run; then the history check on a fresh store. */
    private static History.Summary run(String name, RedisServer server, RetryPolicy policy, Runnable fault)
            throws Exception {
        History history = new History(null, Set.of(StoreUnavailableException.class));
        AtomicBoolean stop = new AtomicBoolean();
        OutcomeCounter counter;
        try (RedisReservationStore store = RedisReservationStore.builder().url(server.url())
                .timeout(Duration.ofMillis(500)).build()) {
            counter = new OutcomeCounter(store);
            try (TrackingNumberGenerator generator = TrackingNumberGenerator.builder().store(counter)
                    .candidateSource(history.candidates()).listener(history.listener()).retryPolicy(policy).build()) {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    tasks.add(() -> {
                        while (!stop.get()) {
                            history.issue(generator);
                        }
                        return null;
                    });
                }
                FaultRuns.callersDuring(tasks, fault, stop);
            }
        }
        try (RedisReservationStore checker = RedisReservationStore.builder().url(server.url()).build()) {
            History.Summary summary = history.check(checker);
            System.out.println("fault run " + name + ": " + summary + "; ambiguous outcomes="
                    + counter.count(Status.AMBIGUOUS) + ", " + counter);
            assertThat(summary.problems()).isZero();
            assertThat(summary.lost()).isZero();
            return summary;
        }
    }
}
