package dev.datacenter.operator.allocation;

import dev.datacenter.operator.cluster.ObjectKey;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.model.InstanceKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The placements whose pods the informer has not shown yet: app → instance ordinal → pod name. Written
 * by the allocation loop's thread, read by any reconciler: a reconcile counts them as instances on
 * their way, so that it never asks for one more while a pod is being written.
 */
final class InFlightPlacements {
    private final Map<String, Map<Integer, String>> byApp = new ConcurrentHashMap<>();

    void placed(String appKey, int ordinal, String podName) {
        byApp.computeIfAbsent(appKey, k -> new ConcurrentHashMap<>()).put(ordinal, podName);
    }

    /** The pod write was refused: the instance is no longer on its way. */
    void refused(String appKey, int ordinal, String podName) {
        Map<Integer, String> m = byApp.get(appKey);
        if (m != null) {
            m.remove(ordinal, podName);
        }
    }

    /** The informer showed the pod: returns the engine task id of its placement, or null. */
    String seen(ObjectKey podKey) {
        String name = podKey.name();
        String task = null;
        for (Map.Entry<String, Map<Integer, String>> e : byApp.entrySet()) {
            if (!AppKey.parse(e.getKey()).namespace().equals(podKey.namespace())) {
                continue;
            }
            for (Map.Entry<Integer, String> placed : Set.copyOf(e.getValue().entrySet())) {
                if (placed.getValue().equals(name) && e.getValue().remove(placed.getKey(), name)) {
                    task = InstanceKey.taskId(e.getKey(), placed.getKey());
                }
            }
            if (e.getValue().isEmpty()) {
                byApp.remove(e.getKey(), e.getValue());
            }
        }
        return task;
    }

    Set<Integer> ordinals(String appKey) {
        Map<Integer, String> m = byApp.get(appKey);
        return m == null ? Set.of() : Set.copyOf(m.keySet());
    }

    void clear() {
        byApp.clear();
    }
}
