package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /api/v1/state}: the cluster, its nodes, pools and apps at {@code time} (ISO-8601). */
@RegisterForReflection
public record StateView(
        String time, ClusterView cluster, List<NodeView> nodes, List<PoolView> pools, List<AppView> apps) {}
