package dev.datacenter.operator.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds or a generous timeout passes; for eventual effects, never for timing. */
public final class Eventually {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {}

    public static void await(String what, Supplier<Boolean> condition) {
        await(what, TIMEOUT, condition);
    }

    public static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
                last = null;
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            sleep(20);
        }
        throw new AssertionError("timed out waiting until " + what, last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
