package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /api/v1/state}: the cluster, its nodes, pools, apps and frameworks (pods placed by the
 * operator as a second scheduler, by owner and pool) at {@code time} (ISO-8601).
 */
@RegisterForReflection
public record StateView(
        String time,
        ClusterView cluster,
        List<NodeView> nodes,
        List<PoolView> pools,
        List<AppView> apps,
        List<FrameworkEntryView> frameworks) {

    public StateView {
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    }

    /** A state with no frameworks. */
    public StateView(String time, ClusterView cluster, List<NodeView> nodes, List<PoolView> pools, List<AppView> apps) {
        this(time, cluster, nodes, pools, apps, List.of());
    }

    /** The same state with these frameworks. */
    public StateView withFrameworks(List<FrameworkEntryView> f) {
        return new StateView(time, cluster, nodes, pools, apps, f);
    }
}
