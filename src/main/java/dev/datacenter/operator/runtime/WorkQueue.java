package dev.datacenter.operator.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * A keyed work queue with a bounded pool of workers.
 * <ul>
 * <li>A key is never handled on two threads at once: a key added while it is being handled is handled
 * again after, once.</li>
 * <li>Adding a key already waiting does nothing (duplicates coalesce).</li>
 * <li>A failure retries the key after {@link Backoff#delayAfter} its consecutive failures; a success
 * resets the count. A failure matching {@code plainRetry} (a 409 Conflict) retries after a short fixed
 * delay and is neither counted nor logged as an error.</li>
 * </ul>
 * Pure Java: threads are the queue's own, started by {@link #start()} and ended by {@link #shutdown}.
 */
public final class WorkQueue<K> {
    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    /** Handles one key; throwing means "retry later". */
    @FunctionalInterface
    public interface Handler<K> {
        void handle(K key) throws Exception;
    }

    /** How long to wait before retrying a key that failed {@code failures} times in a row. */
    @FunctionalInterface
    public interface Backoff {
        Duration delayAfter(int failures);
    }

    private final String name;
    private final Handler<K> handler;
    private final int workers;
    private final Backoff backoff;
    private final Predicate<Throwable> plainRetry;
    private final Duration plainRetryDelay;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> queued = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final Map<K, Long> waitingUntil = new HashMap<>();
    private final DelayQueue<Waiting<K>> waiting = new DelayQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private Thread dispatcher;
    private boolean shuttingDown;

    public WorkQueue(
            String name,
            Handler<K> handler,
            int workers,
            Backoff backoff,
            Predicate<Throwable> plainRetry,
            Duration plainRetryDelay) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker");
        }
        this.name = name;
        this.handler = handler;
        this.workers = workers;
        this.backoff = backoff;
        this.plainRetry = plainRetry;
        this.plainRetryDelay = plainRetryDelay;
    }

    /** Starts the workers and the dispatcher of delayed keys. Keys added before are kept. */
    public void start() {
        lock.lock();
        try {
            if (!threads.isEmpty() || shuttingDown) {
                return;
            }
            dispatcher = thread(name + "-dispatcher", this::dispatchDelayed);
            threads.add(dispatcher);
            for (int i = 0; i < workers; i++) {
                threads.add(thread(name + "-worker-" + i, this::work));
            }
            threads.forEach(Thread::start);
        } finally {
            lock.unlock();
        }
    }

    public void add(K key) {
        lock.lock();
        try {
            if (shuttingDown || !queued.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key after the delay; a key already waiting keeps the earlier of the two times. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long due = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            Long earlier = waitingUntil.get(key);
            if (shuttingDown || (earlier != null && earlier - due <= 0)) {
                return;
            }
            waitingUntil.put(key, due);
            waiting.add(new Waiting<>(key, due));
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready to be handled and not yet taken by a worker. */
    public int depth() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing is ready, being handled or waiting for a retry. */
    public boolean idle() {
        lock.lock();
        try {
            return queued.isEmpty() && processing.isEmpty() && waitingUntil.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #start()} was called: its threads exist. */
    public boolean started() {
        lock.lock();
        try {
            return !threads.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the dispatcher and every worker are running (false before start and after shutdown). */
    public boolean alive() {
        lock.lock();
        try {
            return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
        } finally {
            lock.unlock();
        }
    }

    /** The consecutive failures of a key, 0 after a success. */
    int failures(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking keys, lets the keys being handled finish (interrupting them after {@code grace}),
     * and forgets the rest.
     */
    public void shutdown(Duration grace) {
        List<Thread> running;
        Thread delayedKeys;
        lock.lock();
        try {
            shuttingDown = true;
            ready.clear();
            queued.clear();
            waitingUntil.clear();
            waiting.clear();
            changed.signalAll();
            running = List.copyOf(threads);
            delayedKeys = dispatcher;
        } finally {
            lock.unlock();
        }
        if (delayedKeys != null) {
            delayedKeys.interrupt();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        running.forEach(thread -> join(thread, deadline));
    }

    private void work() {
        K key;
        while ((key = next()) != null) {
            try {
                handler.handle(key);
                succeeded(key);
            } catch (Exception | StackOverflowError e) {
                failed(key, e);
            } finally {
                done(key);
            }
        }
    }

    private K next() {
        lock.lock();
        try {
            while (ready.isEmpty() && !shuttingDown) {
                changed.awaitUninterruptibly();
            }
            if (shuttingDown) {
                return null;
            }
            K key = ready.pollFirst();
            queued.remove(key);
            processing.add(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    private void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (queued.contains(key) && !shuttingDown) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void succeeded(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    private void failed(K key, Throwable failure) {
        if (plainRetry.test(failure)) {
            LOG.debugf("%s: %s was modified meanwhile; retrying", name, key);
            addAfter(key, plainRetryDelay);
            return;
        }
        int count;
        lock.lock();
        try {
            count = failures.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        Duration delay = backoff.delayAfter(count);
        LOG.warnf(
                failure, "%s: handling %s failed (%d in a row); retrying in %d ms", name, key, count, delay.toMillis());
        addAfter(key, delay);
    }

    private void dispatchDelayed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                fire(waiting.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds the key of a waiting entry that fell due, unless a later addAfter superseded the entry. */
    private void fire(Waiting<K> entry) {
        lock.lock();
        try {
            Long due = waitingUntil.get(entry.key);
            if (due != null && due == entry.due) {
                waitingUntil.remove(entry.key);
                add(entry.key);
            }
        } finally {
            lock.unlock();
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Waiting<K>(K key, long due) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
