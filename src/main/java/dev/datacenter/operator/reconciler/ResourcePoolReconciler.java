package dev.datacenter.operator.reconciler;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.status.ResourcePoolStatusAggregator;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Reconciles a ResourcePool: counts the nodes its selector matches and writes Ready (or NoNodes). */
@ApplicationScoped
public class ResourcePoolReconciler implements Reconciler {

    @Inject
    ClusterCache cache;

    @Inject
    StatusWriter statusWriter;

    private final ResourcePoolStatusAggregator aggregator = new ResourcePoolStatusAggregator();

    @Override
    public ResourceKind kind() {
        return ResourceKind.RESOURCE_POOL;
    }

    @Override
    public void reconcile(ResourceKey key) {
        Optional<ResourcePool> pool = cache.pool(key.name());
        if (pool.isEmpty()) {
            return;
        }
        LabelSelector selector = pool.get().getSpec() == null ? null : pool.get().getSpec().getNodeSelector();
        int nodes = 0;
        String selectorProblem = null;
        try {
            nodes = (int) cache.nodes().stream()
                    .filter(node -> LabelSelectorMatcher.matches(selector, node.getMetadata().getLabels()))
                    .count();
        } catch (IllegalArgumentException e) {
            selectorProblem = "spec.nodeSelector: " + e.getMessage();
        }
        statusWriter.writeIfChanged(pool.get(), aggregator.aggregate(pool.get(), nodes, selectorProblem, Instant.now()));
    }
}
