package dev.datacenter.operator.allocation;

import dev.datacenter.operator.cluster.ClusterWrites;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates instance pods off the allocation loop's thread, on a small pool of writer threads; framework pods'
 * bindings and conditions are written on the same threads.
 */
@ApplicationScoped
public class InstancePodWriter {

    @Inject
    ClusterWrites writes;

    @ConfigProperty(name = "datacenter.allocation.writers", defaultValue = "2")
    int writers;

    private volatile ExecutorService executor;

    /** Completes with the created pod, or exceptionally with the API's refusal (409, 422, ...). */
    public CompletableFuture<Pod> create(Pod pod) {
        return CompletableFuture.supplyAsync(() -> writes.create(pod), executor());
    }

    /** Runs another blocking write (a binding, a pod condition) on the same writer threads. */
    public <T> CompletableFuture<T> run(java.util.function.Supplier<T> write) {
        return CompletableFuture.supplyAsync(write, executor());
    }

    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                if (executor == null) {
                    AtomicInteger n = new AtomicInteger();
                    executor = Executors.newFixedThreadPool(Math.max(1, writers), r -> {
                        Thread t = new Thread(r, "datacenter-pod-writer-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                e = executor;
            }
        }
        return e;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
