package org.tracknum.spi;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;
import org.tracknum.StoreUnavailableException;

/**
 * The wait of a {@code build()} for a store that is still starting: repeats an opening attempt
 * while it fails with {@link StoreUnavailableException} (connection refused, Redis {@code LOADING},
 * PostgreSQL {@code 57P03}, ...), with exponential backoff and jitter, until it succeeds or the
 * start-up budget ({@code tracknum.startup.budget}) is spent. Any other exception, above all a
 * {@link ConfigurationException} for a misconfiguration (unknown host, wrong password, missing
 * database, refused durability), ends the wait at once. An attempt in progress when the budget
 * ends is not cut short: it is bounded by the store's own connect and socket timeouts.
 *
 * <p>This is the home of the setting: its key, default and range are here, because the
 * generator's builder and every store builder that connects in {@code build()} take it.
 * The default, 30 s, is longer than the default retry budget (10 s): a store restarted together
 * with the application typically needs a few seconds (Redis replaying its AOF, PostgreSQL
 * recovering), and a container orchestrator restarts an application that still cannot start
 * after that anyway. {@link #DEFAULT_BUDGET} is what a store builder used in code applies; the
 * generator applies the retry budget instead when that is longer.
 *
 * <p>Logs at INFO what it waits for (at most one line every {@value #LOG_EVERY_SECONDS} s), and
 * once more when the store answers; the text it logs is the store's own description and failure
 * message, which must not hold credentials.
 */
public final class StartupWait {
    /** The configuration key of the start-up budget. */
    public static final String BUDGET_KEY = "tracknum.startup.budget";
    /** 30 s; see the class description. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    /** 1 h. */
    public static final Duration MAX_BUDGET = Duration.ofHours(1);
    static final int LOG_EVERY_SECONDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);
    /** A few draws per start-up: the cost of a SecureRandom does not matter, and main code uses no other. */
    private static final SecureRandom JITTER = new SecureRandom();
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(LOG_EVERY_SECONDS).toNanos();

    private final Duration budget;
    private final long start;

    /** A wait whose budget starts now; {@link Duration#ZERO} makes a single attempt. */
    public StartupWait(Duration budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.start = System.nanoTime();
    }

    /**
     * Checks a start-up budget, from 0 (no waiting: one attempt) to 1 h.
     *
     * @param names  whether the message names {@link #BUDGET_KEY} or {@code method(..)}
     * @param method the builder method that took it, e.g. {@code startupBudget}
     * @return {@code budget}
     * @throws ConfigurationException naming the setting and the range
     */
    public static Duration checkBudget(Duration budget, SettingNames names, String method) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.compareTo(MAX_BUDGET) > 0) {
            throw new ConfigurationException(names.assignment(BUDGET_KEY, method, StoreSettings.text(budget))
                    + " is invalid: expected from 0 (no waiting) to 1 h");
        }
        return budget;
    }

    /** What is left of the budget (never negative). */
    public Duration remaining() {
        long left = budget.toNanos() - (System.nanoTime() - start);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /**
     * Runs {@code attempt} until it returns, waiting between attempts while it throws
     * {@link StoreUnavailableException}.
     *
     * @param what what is waited for, for the log and the final message, e.g.
     *             {@code PostgreSQL at db:5432} (no credentials)
     * @throws StoreUnavailableException when the budget is spent, naming {@code what} and the last
     *                                   failure; or at once when the thread is interrupted (its
     *                                   interrupt status is kept)
     */
    public <T> T until(String what, Supplier<T> attempt) {
        int attempts = 0;
        long lastLog = 0;
        while (true) {
            StoreUnavailableException failure;
            try {
                T result = attempt.get();
                if (attempts > 0) {
                    LOG.info("{} is available after {} attempts in {} ms", what, attempts + 1, elapsedMillis());
                }
                return result;
            } catch (StoreUnavailableException e) {
                failure = e;
            }
            attempts++;
            if (budget.isZero()) {
                throw failure;
            }
            long now = System.nanoTime();
            long left = budget.toNanos() - (now - start);
            if (left <= 0) {
                throw new StoreUnavailableException(failure.getMessage() + " (waited " + elapsedMillis() + " ms for "
                        + what + " to become available: " + attempts + " attempts, start-up budget "
                        + roughly(budget) + ", " + BUDGET_KEY + ")", failure);
            }
            if (attempts == 1 || now - lastLog >= LOG_EVERY_NANOS) {
                LOG.info("waiting for {} to become available ({} ms of {} spent, attempt {}): {}", what,
                        elapsedMillis(), roughly(budget),
                        attempts, failure.getMessage());
                lastLog = now;
            }
            pause(Math.min(pauseNanos(attempts), left), what, failure);
        }
    }

    /** Exponential, with jitter over the upper half: 50-100 ms, 100-200 ms, ... up to 1-2 s. */
    static long pauseNanos(int attempt) {
        long ceiling = Math.min(FIRST_PAUSE_NANOS << Math.min(attempt - 1, 20), MAX_PAUSE_NANOS);
        return ceiling / 2 + JITTER.nextLong(ceiling / 2 + 1);
    }

    private void pause(long nanos, String what, StoreUnavailableException failure) {
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for " + what + " to become available,"
                    + " after " + elapsedMillis() + " ms: " + failure.getMessage(), failure);
        }
    }

    /** {@code 30s} for a remaining 29.98 s; exact below 1 s. */
    private static String roughly(Duration d) {
        return StoreSettings.text(d.compareTo(Duration.ofSeconds(1)) < 0 ? d
                : d.plusMillis(500).truncatedTo(ChronoUnit.SECONDS));
    }

    private long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String toString() {
        return "StartupWait[budget " + StoreSettings.text(budget) + ", remaining " + remaining().toMillis() + " ms]";
    }
}
