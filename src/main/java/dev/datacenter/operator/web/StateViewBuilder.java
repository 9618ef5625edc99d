package dev.datacenter.operator.web;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code GET /api/v1/state} from a {@link ClusterSnapshot}: a pure function, no client, no CDI.
 * Nodes and pools sorted by name, apps by namespace and name; an app that cannot be read is shown with
 * reason {@code InvalidSpec} and its decode error.
 */
final class StateViewBuilder {

    private StateViewBuilder() {}

    static StateView build(ClusterSnapshot s) {
        List<PoolSelector> selectors = PoolSelector.all(s.pools());
        Map<String, List<Pod>> podsByNode = podsByNode(s.pods());
        List<NodeView> nodes = s.nodes().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> node(n, podsByNode.getOrDefault(n.getMetadata().getName(), List.of()), selectors))
                .toList();
        List<AppView> apps = new ArrayList<>();
        s.apps()
                .forEach(a -> apps.add(AppViewBuilder.build(
                        a,
                        s.pending()
                                .apply(EngineInputs.appKey(
                                        a.getMetadata().getNamespace(),
                                        a.getMetadata().getName())))));
        s.undecodableApps().forEach(u -> apps.add(AppViewBuilder.undecodable(u)));
        apps.sort(Comparator.comparing(AppView::namespace).thenComparing(AppView::name));
        List<PoolView> pools = PoolViewBuilder.build(s, nodes, apps);
        return new StateView(s.now().toString(), cluster(nodes, apps, s.taskFailures()), nodes, pools, apps);
    }

    /** The pods that hold each node's resources (bound, or ours accepted on it and not bound yet). */
    private static Map<String, List<Pod>> podsByNode(List<Pod> pods) {
        Map<String, List<Pod>> out = new HashMap<>();
        for (Pod pod : pods) {
            String node = EngineInputs.nodeOf(pod);
            if (node != null && EngineInputs.holdsResources(pod)) {
                out.computeIfAbsent(node, k -> new ArrayList<>()).add(pod);
            }
        }
        return out;
    }

    private static NodeView node(Node node, List<Pod> pods, List<PoolSelector> pools) {
        Resources capacity = EngineInputs.node(node).allocatable();
        Resources allocated = Resources.ZERO;
        int tasks = 0;
        for (Pod pod : pods) {
            allocated = allocated.plus(EngineInputs.requests(pod));
            if (ours(pod)) {
                tasks++;
            }
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        List<String> poolNames = pools.stream()
                .filter(p -> p.matches(node))
                .map(PoolSelector::name)
                .toList();
        return new NodeView(
                node.getMetadata().getName(),
                labels,
                EngineInputs.schedulable(node),
                EngineInputs.ready(node),
                labels.get("topology.kubernetes.io/zone"),
                labels.get("rack"),
                Amounts.of(capacity),
                Amounts.of(allocated),
                Amounts.of(capacity.minus(allocated).clampToZero()),
                poolNames,
                tasks);
    }

    static boolean ours(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null
                && ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY))
                && labels.containsKey(ApiGroup.LABEL_APP);
    }

    private static ClusterView cluster(List<NodeView> nodes, List<AppView> apps, long failures) {
        ResourcesView capacity = ResourcesView.ZERO;
        ResourcesView allocated = ResourcesView.ZERO;
        int schedulable = 0;
        for (NodeView n : nodes) {
            capacity = capacity.plus(n.capacity());
            allocated = allocated.plus(n.allocated());
            schedulable += n.schedulable() ? 1 : 0;
        }
        int staged = 0, running = 0, healthy = 0, unhealthy = 0, total = 0;
        for (AppView a : apps) {
            staged += a.instances().staged();
            running += a.instances().running();
            healthy += a.instances().healthy();
            unhealthy += a.instances().unhealthy();
            total += a.instances().total();
        }
        return new ClusterView(
                nodes.size(),
                schedulable,
                Amounts.rounded(capacity),
                Amounts.rounded(allocated),
                new TasksView(staged, running, healthy, unhealthy, total),
                failures);
    }
}
