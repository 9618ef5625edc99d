package dev.datacenter.operator.pool;

import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.claims.ObjectEvents;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.inventory.LabelSelectorMatcher;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.runtime.Reconciler;
import dev.datacenter.operator.runtime.ResourceKey;
import dev.datacenter.operator.runtime.ResourceKind;
import dev.datacenter.operator.status.ResourcePoolStatusAggregator;
import dev.datacenter.operator.status.ResourcePoolStatusAggregator.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Reconciles a ResourcePool's status: what the schema could not catch ({@code Invalid}), whether its
 * selector matches any node ({@code NoNodes}), and its share figures from the allocation loop's newest
 * cycle ({@link PoolFiguresWatch} enqueues the pool whenever they change). Nothing is ever stopped for a
 * pool: a limit lowered below what runs is reported on the Ready condition and as an event.
 */
@ApplicationScoped
public class ResourcePoolReconciler implements Reconciler {

    @Inject
    ClusterCache cache;

    @Inject
    StatusWriter statusWriter;

    @Inject
    PoolFiguresWatch figures;

    @Inject
    ObjectEvents events;

    private final ResourcePoolStatusAggregator aggregator = new ResourcePoolStatusAggregator();

    @Override
    public ResourceKind kind() {
        return ResourceKind.RESOURCE_POOL;
    }

    @Override
    public void reconcile(ResourceKey key) {
        Optional<ResourcePool> found = cache.pool(key.name());
        if (found.isEmpty()) {
            return;
        }
        ResourcePool pool = found.get();
        String problem = PoolChecks.problem(pool).orElse(null);
        int matching = problem != null ? 0 : matchingNodes(pool);
        Optional<PoolFigures> share = problem != null ? Optional.empty() : figures.figures(key.name());
        String overLimit =
                share.map(f -> PoolChecks.overLimit(EngineInputs.pool(pool), f)).orElse(null);
        if (overLimit != null) {
            events.recordOnChange(pool, ObjectEvents.WARNING, "OverLimit", overLimit + "; running instances are kept");
        }
        Observation observed =
                new Observation(matching, problem, share.map(PoolShares::of).orElse(null), overLimit);
        statusWriter.writeIfChanged(pool, aggregator.aggregate(pool, observed, Instant.now()));
    }

    private int matchingNodes(ResourcePool pool) {
        var selector = pool.getSpec() == null ? null : pool.getSpec().getNodeSelector();
        return (int) cache.nodes().stream()
                .filter(node -> LabelSelectorMatcher.matches(
                        selector, node.getMetadata().getLabels()))
                .count();
    }
}
