package dev.datacenter.operator.web;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.cluster.UndecodableObject;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.PoolFigures;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the state view is built from, read once from snapshots: the informer caches' objects (never
 * modified), the newest cycle's pool figures by name (empty before the first cycle or on a replica that
 * does not lead), each waiting app's reject summary, the failure counter, and the apps that cannot be
 * read (shown with reason {@code InvalidSpec}, never failing the page).
 */
record ClusterSnapshot(
        Instant now,
        List<Node> nodes,
        List<Pod> pods,
        List<ResourcePool> pools,
        List<DataCenterApp> apps,
        Map<String, PoolFigures> poolFigures,
        Function<String, Optional<PendingSummary>> pending,
        long taskFailures,
        List<UndecodableObject> undecodableApps) {}
