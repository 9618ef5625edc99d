package dev.datacenter.operator.runtime;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private static final Duration TINY = Duration.ofMillis(1);

    private final List<Integer> backoffRequests = new CopyOnWriteArrayList<>();
    private WorkQueue<String> queue;

    @AfterEach
    void shutdown() {
        if (queue != null) {
            queue.shutdown(Duration.ofSeconds(5));
        }
    }

    private WorkQueue<String> queue(int workers, WorkQueue.Handler<String> handler) {
        queue = new WorkQueue<>(
                "test",
                handler,
                workers,
                failures -> {
                    backoffRequests.add(failures);
                    return TINY;
                },
                e -> e instanceof ConflictForTest,
                TINY);
        return queue;
    }

    @Test
    void duplicatesAddedBeforeHandlingCoalesce() {
        List<String> handled = new CopyOnWriteArrayList<>();
        queue(1, handled::add);
        queue.add("a");
        queue.add("b");
        queue.add("a");
        queue.add("a");
        assertThat(queue.depth()).isEqualTo(2);

        queue.start();
        await("both keys handled and the queue idle", () -> queue.idle() && handled.size() >= 2);

        assertThat(handled).containsExactly("a", "b");
    }

    @Test
    void aKeyIsNeverHandledOnTwoThreadsAndAReAddDuringHandlingRunsOnceMoreAfter() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        queue(4, key -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (runs.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    releaseFirst.await(10, TimeUnit.SECONDS);
                }
            } finally {
                running.decrementAndGet();
            }
        });
        queue.start();
        queue.add("a");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            queue.add("a"); // four idle workers could take it: none may while the first run lasts
        }
        assertThat(runs.get()).isEqualTo(1);
        releaseFirst.countDown();
        await("the queue is idle", () -> queue.idle() && runs.get() >= 2);

        assertThat(runs.get())
                .as("handled once more after the first run, not five times")
                .isEqualTo(2);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void differentKeysAreHandledConcurrently() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        queue(2, key -> {
            bothRunning.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        queue.start();
        queue.add("a");
        queue.add("b");

        assertThat(bothRunning.await(10, TimeUnit.SECONDS))
                .as("b is not held up behind a")
                .isTrue();
        release.countDown();
    }

    @Test
    void aFailureIsRetriedWithGrowingBackoffAndASuccessResetsTheCount() {
        AtomicInteger attempts = new AtomicInteger();
        queue(2, key -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("failure " + attempts.get());
            }
        });
        queue.start();
        queue.add("a");
        await("handled successfully after three failures", () -> queue.idle() && attempts.get() == 4);

        assertThat(backoffRequests).containsExactly(1, 2, 3);
        assertThat(queue.failures("a")).isZero();

        attempts.set(2); // the next attempt fails once more: its backoff starts from 1 again
        queue.add("a");
        await("handled again", () -> queue.idle() && attempts.get() == 4);
        assertThat(backoffRequests).containsExactly(1, 2, 3, 1);
    }

    @Test
    void aConflictIsAPlainRetryThatIsNotCountedAsAFailure() {
        AtomicInteger attempts = new AtomicInteger();
        queue(1, key -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new ConflictForTest();
            }
        });
        queue.start();
        queue.add("a");
        await("handled after two conflicts", () -> queue.idle() && attempts.get() == 3);

        assertThat(backoffRequests).isEmpty();
        assertThat(queue.failures("a")).isZero();
    }

    @Test
    void aKeyThatAlwaysFailsDoesNotStopOthers() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        queue(1, key -> {
            attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (key.equals("bad")) {
                throw new IllegalArgumentException("bad object");
            }
        });
        queue.start();
        queue.add("bad");
        queue.add("good");

        await(
                "good handled and bad retried",
                () -> attempts.containsKey("good") && attempts.get("bad").get() >= 3);
        assertThat(queue.alive()).isTrue();
    }

    @Test
    void addAfterDelaysAKeyAndKeepsTheEarlierOfTwoTimes() {
        List<String> handled = new CopyOnWriteArrayList<>();
        queue(1, handled::add);
        queue.start();
        queue.addAfter("later", Duration.ofHours(1));
        queue.addAfter("later", Duration.ofMillis(5));
        queue.addAfter("later", Duration.ofHours(2));

        await("the key is handled after the short delay", () -> handled.contains("later") && queue.idle());
        assertThat(handled).containsExactly("later");
    }

    @Test
    void shutdownLetsTheRunningKeyFinishStopsTheThreadsAndIgnoresLaterAdds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        queue(2, key -> {
            handled.add(key);
            started.countDown();
            Thread.sleep(50);
            finished.incrementAndGet();
        });
        queue.start();
        assertThat(queue.alive()).isTrue();
        queue.add("a");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        queue.shutdown(Duration.ofSeconds(10));

        assertThat(finished.get()).isEqualTo(1);
        assertThat(queue.alive()).isFalse();
        queue.add("b");
        assertThat(queue.depth()).isZero();
        assertThat(handled).containsExactly("a");
    }

    private static final class ConflictForTest extends RuntimeException {
        ConflictForTest() {
            super("409", null, false, false);
        }
    }
}
