package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Objects;

/**
 * Something already running (or bound) on a node: one of our instances, or any other pod.
 *
 * @param id        unique id; for our instances use {@link #instanceId(String, int)}
 * @param node      node name
 * @param appKey    the app for our instances, null for foreign pods
 * @param instance  the instance ordinal for our instances, -1 otherwise
 * @param resources the pod's requests
 * @param hostPorts host ports the pod holds
 * @param started   when it started (epoch millis; larger is younger), for YoungestFirst victim order; 0 unknown
 */
public record RunningTask(
        String id,
        String node,
        String appKey,
        int instance,
        Resources resources,
        List<Integer> hostPorts,
        long started) {

    /** A task whose start is unknown (oldest of all for victim order). */
    public RunningTask(
            String id, String node, String appKey, int instance, Resources resources, List<Integer> hostPorts) {
        this(id, node, appKey, instance, resources, hostPorts, 0L);
    }

    /** The same task with its start time. */
    public RunningTask startedAt(long epochMillis) {
        return new RunningTask(id, node, appKey, instance, resources, hostPorts, epochMillis);
    }

    public RunningTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(resources, "resources");
        hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
    }

    /** The id the engine uses for instance {@code instance} of {@code appKey}. */
    public static String instanceId(String appKey, int instance) {
        return appKey + "#" + instance;
    }

    /** One of our instances. */
    public static RunningTask instance(
            String appKey, int instance, String node, Resources resources, List<Integer> hostPorts) {
        return new RunningTask(instanceId(appKey, instance), node, appKey, instance, resources, hostPorts);
    }

    /** A pod the engine does not manage (its requests and host ports still occupy the node). */
    public static RunningTask foreign(String id, String node, Resources resources, List<Integer> hostPorts) {
        return new RunningTask(id, node, null, -1, resources, hostPorts);
    }
}
