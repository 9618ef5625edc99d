package dev.datacenter.operator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WriteRateLimitTest {

    /** A clock that advances only when the limiter sleeps, or when the test says so. */
    static final class FakeClock implements WriteRateLimit.Clock {
        long now;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void aBurstPassesAtOnceThenWritesAreSpacedAtTheRate() {
        FakeClock clock = new FakeClock();
        WriteRateLimit limit = new WriteRateLimit(10, 5, clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limit.acquire(), "write " + i + " of the burst waits");
        }
        assertEquals(0, clock.slept);
        limit.acquire();
        assertEquals(100_000_000, clock.slept, 1_000, "the sixth write waits a tenth of a second at 10/s");
        for (int i = 0; i < 10; i++) {
            limit.acquire();
        }
        assertEquals(1_100_000_000, clock.slept, 10_000, "ten more writes take one more second");
    }

    @Test
    void idleTimeRefillsTheBucketUpToTheBurstOnly() {
        FakeClock clock = new FakeClock();
        WriteRateLimit limit = new WriteRateLimit(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            limit.acquire();
        }
        clock.now += 60_000_000_000L; // a minute idle: 600 tokens' worth, but the bucket holds 3
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limit.acquire());
        }
        limit.acquire();
        assertEquals(100_000_000, clock.slept, 1_000);
    }

    @Test
    void zeroPerSecondMeansNoLimit() {
        FakeClock clock = new FakeClock();
        WriteRateLimit limit = new WriteRateLimit(0, 0, clock);
        assertFalse(limit.limited());
        for (int i = 0; i < 10_000; i++) {
            limit.acquire();
        }
        assertEquals(0, clock.slept);
    }

    @Test
    void aBurstBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WriteRateLimit(10, 0, new FakeClock()));
    }
}
