package org.tracknum;

import java.time.Duration;
import java.util.Objects;

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

    @Override
    public String toString() {
        return "RetryPolicy[maxCollisions=" + maxCollisions + ", budget=" + budget
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }

    /** Validates in {@link #build()}. */
    public static final class Builder {
        private int maxCollisions = 64;
        private Duration budget = Duration.ofSeconds(10);
        private Duration initialBackoff = Duration.ofMillis(5);
        private Duration maxBackoff = Duration.ofMillis(500);

        private Builder() {
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
            if (maxCollisions < 1 || maxCollisions > 10_000_000) {
                throw new ConfigurationException("maxCollisions out of range [1, 10000000]: " + maxCollisions);
            }
            if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofHours(1)) > 0) {
                throw new ConfigurationException("budget out of range (0, 1 h]: " + budget);
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero() || initialBackoff.compareTo(maxBackoff) > 0) {
                throw new ConfigurationException("initialBackoff must be > 0 and <= maxBackoff (" + maxBackoff
                        + "): " + initialBackoff);
            }
            if (maxBackoff.compareTo(budget) > 0) {
                throw new ConfigurationException("maxBackoff must not exceed the budget (" + budget + "): " + maxBackoff);
            }
            return new RetryPolicy(this);
        }
    }
}
