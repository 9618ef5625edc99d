package dev.datacenter.operator.sandbox;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until an assertion holds (the kubelet works asynchronously), then fails with the last assertion error. */
final class Eventually {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Eventually() {}

    static void assertThat(Runnable assertion) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep();
        }
    }

    static <T> T get(Supplier<T> supplier) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T value;
        while ((value = supplier.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing after " + TIMEOUT);
            }
            sleep();
        }
        return value;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
