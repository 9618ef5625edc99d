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
    /**
     * The same placements by pod: a pod event finds its placement at once (a burst of 10,000 placements would
     * otherwise scan every placement in flight on every pod event).
     */
    private final Map<ObjectKey, Placement> byPod = new ConcurrentHashMap<>();

    private record Placement(String appKey, int ordinal) {}

    void placed(String appKey, int ordinal, String podName) {
        byApp.computeIfAbsent(appKey, k -> new ConcurrentHashMap<>()).put(ordinal, podName);
        byPod.put(new ObjectKey(AppKey.parse(appKey).namespace(), podName), new Placement(appKey, ordinal));
    }

    /** The pod write was refused: the instance is no longer on its way. */
    void refused(String appKey, int ordinal, String podName) {
        Map<Integer, String> m = byApp.get(appKey);
        if (m != null) {
            m.remove(ordinal, podName);
        }
        byPod.remove(new ObjectKey(AppKey.parse(appKey).namespace(), podName), new Placement(appKey, ordinal));
    }

    /** The informer showed the pod: returns the engine task id of its placement, or null. */
    String seen(ObjectKey podKey) {
        Placement placement = byPod.remove(podKey);
        if (placement == null) {
            return null;
        }
        Map<Integer, String> m = byApp.get(placement.appKey());
        String task = null;
        if (m != null) {
            if (m.remove(placement.ordinal(), podKey.name())) {
                task = InstanceKey.taskId(placement.appKey(), placement.ordinal());
            }
            if (m.isEmpty()) {
                byApp.remove(placement.appKey(), m);
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
        byPod.clear();
    }
}
