package dev.datacenter.operator.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: {@code initial} doubled on every further failure up to {@code max},
 * then spread by ±{@code jitter} (0.2 = ±20 %) so that keys failing together do not retry together.
 */
public final class RetryBackoff implements WorkQueue.Backoff {
    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public RetryBackoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1): 0 gives the shortest delay, 0.5 the unjittered one */
    RetryBackoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("need 0 < initial <= max and 0 <= jitter < 1");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    @Override
    public Duration delayAfter(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 40);
        double base = Math.min(initial.toNanos() * Math.pow(2, doublings), max.toNanos());
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos((long) (base * spread));
    }
}
