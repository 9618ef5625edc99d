package dev.datacenter.operator.web;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolSpec;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pools of the state API: each ResourcePool's spec, plus the implied {@code default} pool while no
 * ResourcePool of that name exists. The figures are the newest allocation cycle's; before the first cycle
 * (or on a replica that does not lead) they are worked out from the nodes and apps of the snapshot.
 */
final class PoolViewBuilder {
    private PoolViewBuilder() {}

    static List<PoolView> build(ClusterSnapshot s, List<NodeView> nodes, List<AppView> apps) {
        ResourcesView clusterCapacity = ResourcesView.ZERO;
        for (NodeView n : nodes) {
            if (n.schedulable()) {
                clusterCapacity = clusterCapacity.plus(n.capacity());
            }
        }
        List<PoolView> out = new ArrayList<>();
        for (PoolSelector selector : PoolSelector.all(s.pools())) {
            Optional<ResourcePool> pool = s.pools().stream()
                    .filter(p -> p.getMetadata().getName().equals(selector.name()))
                    .findFirst();
            PoolFigures figures = s.poolFigures().get(selector.name());
            Figures f = figures != null
                    ? Figures.of(figures)
                    : Figures.estimate(selector.name(), pool, nodes, apps, clusterCapacity);
            out.add(pool.map(p -> declared(p, f)).orElseGet(() -> implied(f)));
        }
        return out;
    }

    private static PoolView declared(ResourcePool pool, Figures f) {
        ResourcePoolSpec spec = pool.getSpec() == null ? new ResourcePoolSpec() : pool.getSpec();
        Optional<Condition> ready = pool.getStatus() == null
                ? Optional.empty()
                : Conditions.find(pool.getStatus().getConditions(), ConditionReasons.READY);
        return new PoolView(
                pool.getMetadata().getName(),
                false,
                weight(pool),
                Amounts.of(spec.getGuarantee()),
                Amounts.of(spec.getLimit()),
                f.nodes,
                f.capacity,
                f.allocated,
                f.reserved,
                f.guaranteed,
                f.dominantShare,
                f.weightedShare,
                f.apps,
                f.pending,
                ready.map(Condition::getReason).orElse(null),
                ready.map(Condition::getMessage).orElse(null),
                f.preemptions);
    }

    private static PoolView implied(Figures f) {
        return new PoolView(
                ApiGroup.DEFAULT_POOL,
                true,
                1,
                null,
                null,
                f.nodes,
                f.capacity,
                f.allocated,
                f.reserved,
                f.guaranteed,
                f.dominantShare,
                f.weightedShare,
                f.apps,
                f.pending,
                "Ready",
                "the implied default pool",
                f.preemptions);
    }

    static long preemptions(ResourcePool pool) {
        Long n = pool.getStatus() == null ? null : pool.getStatus().getPreemptions();
        return n == null ? 0 : n;
    }

    static double weight(ResourcePool pool) {
        Double w = pool.getSpec() == null ? null : pool.getSpec().getWeight();
        return w == null || !(w > 0) ? 1.0 : w;
    }

    /** A pool's status figures in the API's units. */
    private record Figures(
            int nodes,
            ResourcesView capacity,
            ResourcesView allocated,
            ResourcesView reserved,
            ResourcesView guaranteed,
            double dominantShare,
            double weightedShare,
            int apps,
            int pending,
            long preemptions) {

        static Figures of(PoolFigures f) {
            return new Figures(
                    f.nodes(),
                    Amounts.of(f.capacity()),
                    Amounts.of(f.allocated()),
                    Amounts.of(f.reserved()),
                    Amounts.of(f.guaranteed()),
                    f.dominantShare(),
                    f.weightedShare(),
                    f.apps(),
                    f.pendingInstances(),
                    f.preemptions());
        }

        /** Without a cycle: the schedulable nodes the selector matches, the requests of the pool's apps' instances. */
        static Figures estimate(
                String name,
                Optional<ResourcePool> pool,
                List<NodeView> nodes,
                List<AppView> apps,
                ResourcesView clusterCapacity) {
            int count = 0;
            ResourcesView capacity = ResourcesView.ZERO;
            for (NodeView n : nodes) {
                if (n.schedulable() && n.pools().contains(name)) {
                    count++;
                    capacity = capacity.plus(n.capacity());
                }
            }
            ResourcesView allocated = ResourcesView.ZERO;
            int appCount = 0;
            int pending = 0;
            for (AppView a : apps) {
                if (a.pool().equals(name)) {
                    appCount++;
                    pending += a.pending().count();
                    allocated = allocated.plus(a.resources().times(a.instances().total()));
                }
            }
            ResourcesView guaranteed = pool.map(p ->
                            p.getSpec() == null ? null : Amounts.of(p.getSpec().getGuarantee()))
                    .orElse(null);
            double dominant = dominantShare(allocated, clusterCapacity);
            double weight = pool.map(PoolViewBuilder::weight).orElse(1.0);
            return new Figures(
                    count,
                    Amounts.rounded(capacity),
                    Amounts.rounded(allocated),
                    ResourcesView.ZERO,
                    guaranteed == null ? ResourcesView.ZERO : guaranteed,
                    dominant,
                    dominant / weight,
                    appCount,
                    pending,
                    pool.map(PoolViewBuilder::preemptions).orElse(0L));
        }

        private static double dominantShare(ResourcesView a, ResourcesView total) {
            double s = 0;
            if (total.cpus() > 0) s = Math.max(s, a.cpus() / total.cpus());
            if (total.mem() > 0) s = Math.max(s, (double) a.mem() / total.mem());
            if (total.gpus() > 0) s = Math.max(s, (double) a.gpus() / total.gpus());
            if (total.disk() > 0) s = Math.max(s, (double) a.disk() / total.disk());
            return s;
        }
    }
}
