package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /api/v1/state}: the cluster, its nodes, pools and apps at {@code time} (ISO-8601), the apps'
 * groups summed ({@link GroupView}), and the frameworks (pods placed by the operator as a second scheduler,
 * by owner and pool).
 */
@RegisterForReflection
public record StateView(
        String time,
        ClusterView cluster,
        List<NodeView> nodes,
        List<PoolView> pools,
        List<AppView> apps,
        List<GroupView> groups,
        List<FrameworkEntryView> frameworks) {

    public StateView {
        groups = groups == null ? List.of() : List.copyOf(groups);
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    }

    /** The state with its groups summed from {@code apps}, and no frameworks. */
    public StateView(String time, ClusterView cluster, List<NodeView> nodes, List<PoolView> pools, List<AppView> apps) {
        this(time, cluster, nodes, pools, apps, GroupViewBuilder.build(apps), List.of());
    }

    /** The same state with these frameworks. */
    public StateView withFrameworks(List<FrameworkEntryView> f) {
        return new StateView(time, cluster, nodes, pools, apps, groups, f);
    }
}
