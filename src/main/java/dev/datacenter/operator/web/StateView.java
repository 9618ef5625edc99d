package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /api/v1/state}: the cluster, its nodes, pools and apps at {@code time} (ISO-8601), and the apps'
 * groups summed ({@link GroupView}).
 */
@RegisterForReflection
public record StateView(
        String time,
        ClusterView cluster,
        List<NodeView> nodes,
        List<PoolView> pools,
        List<AppView> apps,
        List<GroupView> groups) {

    /** The state with its groups summed from {@code apps}. */
    public StateView(String time, ClusterView cluster, List<NodeView> nodes, List<PoolView> pools, List<AppView> apps) {
        this(time, cluster, nodes, pools, apps, GroupViewBuilder.build(apps));
    }
}
