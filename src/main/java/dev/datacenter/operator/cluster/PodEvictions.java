package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Evicts pods through the Eviction API ({@code policy/v1}, the {@code pods/eviction} subresource), so that
 * PodDisruptionBudgets are honoured: a budget that allows no disruption answers 429 and the pod stays. Never
 * deletes a pod directly. Runs off the caller's thread.
 */
@ApplicationScoped
public class PodEvictions {

    /** What the API answered. */
    public enum Outcome {
        /** The eviction was accepted: the pod terminates. */
        EVICTED,
        /** The pod was already gone (404). */
        GONE,
        /** Refused, most often by a PodDisruptionBudget (429): the pod keeps running. */
        REFUSED,
        /** Any other error (the API down, 409, 5xx, eviction not served): the pod keeps running. */
        FAILED
    }

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "datacenter-pod-evictions");
        t.setDaemon(true);
        return t;
    });

    /** Asks for the eviction of pod {@code namespace/name}; completes with the outcome (never exceptionally). */
    public CompletableFuture<Outcome> evict(String namespace, String name) {
        return CompletableFuture.supplyAsync(() -> evictNow(namespace, name), executor);
    }

    Outcome evictNow(String namespace, String name) {
        Eviction eviction = new EvictionBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build();
        try {
            // fabric8 answers false for 429 (a PodDisruptionBudget refused it) and throws for other errors
            boolean evicted = writes.write(
                    "evict",
                    "Pod",
                    () -> client.pods().inNamespace(namespace).withName(name).evict(eviction));
            return evicted ? Outcome.EVICTED : Outcome.REFUSED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return podGone(namespace, name) ? Outcome.GONE : Outcome.FAILED;
            if (e.getCode() == 429) return Outcome.REFUSED;
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            return Outcome.FAILED;
        }
    }

    /** A 404 on the eviction of a pod that still exists means the API does not serve evictions: a failure. */
    private boolean podGone(String namespace, String name) {
        try {
            return client.pods().inNamespace(namespace).withName(name).get() == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
