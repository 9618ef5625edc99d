package dev.datacenter.operator.cluster;

/**
 * A token bucket in front of the operator's writes to the API ({@code datacenter.client.writes-per-second},
 * {@code datacenter.client.write-burst}): up to {@code burst} writes at once, then {@code perSecond} a second.
 * {@link #acquire} blocks the writing thread until a token is there; {@code perSecond <= 0} turns the limit off.
 * Thread-safe; waiting threads are served in no particular order.
 */
public final class WriteRateLimit {

    /** Time and sleeping, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long refilledAt;

    public WriteRateLimit(double perSecond, int burst) {
        this(perSecond, burst, SYSTEM);
    }

    public WriteRateLimit(double perSecond, int burst, Clock clock) {
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("datacenter.client.write-burst must be at least 1, was " + burst);
        }
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.clock = clock;
        this.tokens = this.burst;
        this.refilledAt = clock.nanoTime();
    }

    public boolean limited() {
        return perSecond > 0;
    }

    /** Takes a token, waiting for one when the bucket is empty; returns the nanoseconds waited. */
    public long acquire() {
        if (!limited()) {
            return 0;
        }
        long waited = 0;
        while (true) {
            long wait;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return waited;
                }
                wait = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            }
            try {
                clock.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return waited;
            }
            waited += wait;
        }
    }

    private void refill() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
    }
}
