package org.tracknum;

import java.time.Duration;
import java.util.Objects;
import org.tracknum.spi.SettingNames;

/**
 * Bounds on how hard {@link TrackingNumberGenerator#next} tries.
 *
 * <ul>
 *   <li>{@code maxCollisions}: consecutive "taken" candidates before
 *       {@link NumberSpaceExhaustedException} (default 64; with 62 random bits a single collision is
 *       already rare, so hitting the bound means the space is nearly full).</li>
 *   <li>{@code budget}: total time a call may spend retrying transient failures and checking
 *       ambiguous writes before {@link StoreUnavailableException} (default 10 s). Stores set their
 *       connect and socket timeouts below it.</li>
 *   <li>{@code initialBackoff}/{@code maxBackoff}: exponential backoff with full jitter between
 *       retries (defaults 5 ms and 500 ms), never past the budget.</li>
 * </ul>
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULT = builder().build();

    private final int maxCollisions;
    private final Duration budget;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private RetryPolicy(Builder b) {
        this.maxCollisions = b.maxCollisions;
        this.budget = b.budget;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxCollisions() {
        return maxCollisions;
    }

    public Duration budget() {
        return budget;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Backoff before retry {@code attempt} (from 1): full jitter over an exponential ceiling. */
    long backoffNanos(int attempt) {
        long ceiling = initialBackoff.toNanos() << Math.min(attempt - 1, 20);
        ceiling = Math.min(Math.max(ceiling, 1), maxBackoff.toNanos());
        return SecureRandomBuffer.current().nextLong(ceiling) + 1;
    }

    private static String text(Duration d) {
        return org.tracknum.spi.StoreSettings.text(d);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxCollisions=" + maxCollisions + ", budget=" + budget
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }

    /**
     * Validates in {@link #build()}. The defaults and ranges of {@code tracknum.retry.*} are these
     * (one home: the configuration only calls these setters for keys that are present).
     */
    public static final class Builder {
        static final String MAX_COLLISIONS_KEY = "tracknum.retry.max-collisions";
        static final String BUDGET_KEY = "tracknum.retry.budget";
        static final String INITIAL_BACKOFF_KEY = "tracknum.retry.initial-backoff";
        static final String MAX_BACKOFF_KEY = "tracknum.retry.max-backoff";
        static final int DEFAULT_MAX_COLLISIONS = 64;
        static final int MAX_MAX_COLLISIONS = 10_000_000;
        static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);
        static final Duration MAX_BUDGET = Duration.ofHours(1);
        static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(5);
        static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMillis(500);

        private int maxCollisions = DEFAULT_MAX_COLLISIONS;
        private Duration budget = DEFAULT_BUDGET;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private SettingNames names = SettingNames.METHODS;

        private Builder() {
        }

        /** Messages name the {@code tracknum.retry.*} keys rather than the methods. */
        Builder fromConfiguration() {
            this.names = SettingNames.KEYS;
            return this;
        }

        public Builder maxCollisions(int maxCollisions) {
            this.maxCollisions = maxCollisions;
            return this;
        }

        public Builder budget(Duration budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        /** @throws ConfigurationException for a value out of range, naming it */
        public RetryPolicy build() {
            if (maxCollisions < 1 || maxCollisions > MAX_MAX_COLLISIONS) {
                throw new ConfigurationException(names.assignment(MAX_COLLISIONS_KEY, "maxCollisions", maxCollisions)
                        + " is invalid: expected a whole number from 1 to " + MAX_MAX_COLLISIONS);
            }
            if (budget.isNegative() || budget.isZero() || budget.compareTo(MAX_BUDGET) > 0) {
                throw new ConfigurationException(names.assignment(BUDGET_KEY, "budget", text(budget))
                        + " is invalid: expected more than 0 and at most 1 h");
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero() || initialBackoff.compareTo(maxBackoff) > 0) {
                throw new ConfigurationException(names.assignment(INITIAL_BACKOFF_KEY, "initialBackoff",
                        text(initialBackoff)) + " is invalid: expected more than 0 and at most "
                        + names.name(MAX_BACKOFF_KEY, "maxBackoff") + " (" + text(maxBackoff) + ")");
            }
            if (maxBackoff.compareTo(budget) > 0) {
                throw new ConfigurationException(names.assignment(MAX_BACKOFF_KEY, "maxBackoff", text(maxBackoff))
                        + " is invalid: it must not exceed " + names.name(BUDGET_KEY, "budget") + " (" + text(budget)
                        + ")");
            }
            return new RetryPolicy(this);
        }
    }
}
