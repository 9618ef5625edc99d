package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.ApiErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's work queue while it leads, and a sink that drops keys while it does not. Anyone may
 * {@link #enqueue} a key at any time; only the leader handles keys.
 */
@ApplicationScoped
public class ReconcileQueue {

    @Inject
    ReconcileDispatcher dispatcher;

    @ConfigProperty(name = "datacenter.work-queue.workers")
    int workers;

    @ConfigProperty(name = "datacenter.work-queue.initial-backoff")
    Duration initialBackoff;

    @ConfigProperty(name = "datacenter.work-queue.max-backoff")
    Duration maxBackoff;

    @ConfigProperty(name = "datacenter.work-queue.conflict-retry-delay")
    Duration conflictRetryDelay;

    @ConfigProperty(name = "datacenter.work-queue.shutdown-grace")
    Duration shutdownGrace;

    @ConfigProperty(name = "datacenter.work-queue.batch-delay", defaultValue = "200ms")
    Duration batchDelay;

    private final AtomicReference<WorkQueue<ResourceKey>> current = new AtomicReference<>();

    public void enqueue(ResourceKey key) {
        WorkQueue<ResourceKey> queue = current.get();
        if (queue != null) {
            queue.add(key);
        }
    }

    /**
     * Adds the key {@code datacenter.work-queue.batch-delay} from now, unless it is due sooner already: the
     * changes of its pods within that window are taken in one reconcile. A burst changes each pod three or four
     * times (created, bound, running, ready); without the window each change was a reconcile of its app.
     */
    public void enqueueBatched(ResourceKey key) {
        enqueueAfter(key, batchDelay);
    }

    /** For a reconciler that must look again later (a timeout, a backoff) although nothing changed. */
    public void enqueueAfter(ResourceKey key, Duration delay) {
        WorkQueue<ResourceKey> queue = current.get();
        if (queue != null) {
            queue.addAfter(key, delay);
        }
    }

    public int depth() {
        WorkQueue<ResourceKey> queue = current.get();
        return queue == null ? 0 : queue.depth();
    }

    /** Whether keys are accepted (this process leads). */
    public boolean accepting() {
        return current.get() != null;
    }

    /**
     * False when the queue's threads were started and one of them died. A queue opened but not started
     * yet (the leader waits for the informers to list) is not stuck: readiness says why it waits.
     */
    public boolean alive() {
        WorkQueue<ResourceKey> queue = current.get();
        return queue == null || !queue.started() || queue.alive();
    }

    /** Starts accepting keys; they are handled once {@link #startWorkers()} is called. */
    synchronized void openQueue() {
        if (current.get() == null) {
            current.set(new WorkQueue<>(
                    "reconcile",
                    dispatcher,
                    workers,
                    new RetryBackoff(initialBackoff, maxBackoff, 0.2),
                    ApiErrors::isConflict,
                    conflictRetryDelay));
        }
    }

    synchronized void startWorkers() {
        WorkQueue<ResourceKey> queue = current.get();
        if (queue != null) {
            queue.start();
        }
    }

    /** Drops the waiting keys and waits for the keys being handled. */
    synchronized void close() {
        WorkQueue<ResourceKey> queue = current.getAndSet(null);
        if (queue != null) {
            queue.shutdown(shutdownGrace);
        }
    }
}
