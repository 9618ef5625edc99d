package dev.datacenter.operator.inventory;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolSpec;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.placement.Colocation;
import dev.datacenter.operator.placement.Constraint;
import dev.datacenter.operator.placement.LabelSelector;
import dev.datacenter.operator.placement.NodeSpec;
import dev.datacenter.operator.placement.Pin;
import dev.datacenter.operator.placement.PoolSpec;
import dev.datacenter.operator.placement.PortRange;
import dev.datacenter.operator.placement.Reservation;
import dev.datacenter.operator.placement.Resources;
import dev.datacenter.operator.placement.RunningTask;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates Kubernetes objects into the placement engine's inputs: nodes, running tasks (every pod
 * on a node, ours or not), pools and apps. Pure functions; units are millicores and bytes.
 */
public final class EngineInputs {

    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    private EngineInputs() {}

    /**
     * A node: cordoned or NotReady nodes get no offers; its taints go to the engine, which offers a node
     * tainted NoSchedule/NoExecute only to apps that tolerate them.
     */
    public static NodeSpec node(Node node) {
        Map<String, Quantity> allocatable =
                node.getStatus() == null || node.getStatus().getAllocatable() == null
                        ? Map.of()
                        : node.getStatus().getAllocatable();
        Resources resources = new Resources(
                millicores(allocatable.get("cpu")),
                bytes(allocatable.get("memory")),
                whole(allocatable.get(GPU_RESOURCE)),
                bytes(allocatable.get("ephemeral-storage")));
        int maxPods = (int) Math.min(Integer.MAX_VALUE, whole(allocatable.get("pods")));
        String range = node.getMetadata().getAnnotations() == null
                ? null
                : node.getMetadata().getAnnotations().get(ApiGroup.ANNOTATION_PORT_RANGE);
        PortRange ports = PortRange.DEFAULT;
        if (range != null) {
            try {
                ports = PortRange.parse(range);
            } catch (IllegalArgumentException e) {
                ports = PortRange.DEFAULT;
            }
        }
        return new NodeSpec(
                node.getMetadata().getName(),
                labels(node.getMetadata().getLabels()),
                resources,
                maxPods,
                schedulable(node),
                ports,
                taints(node));
    }

    /**
     * Whether the node takes new pods at all: not cordoned and Ready. Taints are not looked at here: whether
     * a tainted node takes an app's pods depends on the app's tolerations (the engine decides).
     */
    public static boolean schedulable(Node node) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        return ready(node);
    }

    /** The node's taints as the engine's; a taint without key or effect is skipped. */
    public static List<dev.datacenter.operator.placement.Taint> taints(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return List.of();
        }
        List<dev.datacenter.operator.placement.Taint> taints = new ArrayList<>();
        for (Taint t : node.getSpec().getTaints()) {
            if (t.getKey() != null && t.getEffect() != null) {
                taints.add(new dev.datacenter.operator.placement.Taint(t.getKey(), t.getValue(), t.getEffect()));
            }
        }
        return taints;
    }

    /** An app's tolerations as the engine's (the engine adds the GPU default itself). */
    public static List<dev.datacenter.operator.placement.Toleration> tolerations(DataCenterAppSpec spec) {
        return tolerations(spec.getTolerations());
    }

    /** Core tolerations (an app's, or a framework pod's) in the engine's form. */
    public static List<dev.datacenter.operator.placement.Toleration> tolerations(
            List<io.fabric8.kubernetes.api.model.Toleration> core) {
        if (core == null) {
            return List.of();
        }
        List<dev.datacenter.operator.placement.Toleration> tolerations = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Toleration t : core) {
            if (t != null) {
                tolerations.add(new dev.datacenter.operator.placement.Toleration(
                        t.getKey(), t.getOperator(), t.getValue(), t.getEffect()));
            }
        }
        return tolerations;
    }

    /** The node's Ready condition is True. */
    public static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /** The node a pod occupies: bound, or pinned by us and not yet bound; null when neither. */
    public static String nodeOf(Pod pod) {
        if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
            return pod.getSpec().getNodeName();
        }
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ApiGroup.ANNOTATION_NODE);
    }

    /** Whether a pod still holds its node's resources (not Succeeded or Failed). */
    public static boolean holdsResources(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** A pod as a running task: ours carry app key and ordinal; any other pod is a foreign task. */
    public static RunningTask task(Pod pod, String node) {
        return task(pod, node, (namespace, label) -> label);
    }

    /**
     * As {@link #task(Pod, String)}, with the app's name found from its label value (namespace, label):
     * the label of an app named beyond 63 characters is shortened, the engine's key is the full name.
     */
    public static RunningTask task(Pod pod, String node, java.util.function.BinaryOperator<String> appNameOfLabel) {
        return anyTask(pod, node, appNameOfLabel).startedAt(startedMillis(pod));
    }

    /** When the pod started (status.startTime, else its creation), epoch millis; 0 when unknown. */
    static long startedMillis(Pod pod) {
        String t = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime()
                : pod.getMetadata().getCreationTimestamp();
        if (t == null) {
            return 0;
        }
        try {
            return java.time.Instant.parse(t).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    private static RunningTask anyTask(Pod pod, String node, java.util.function.BinaryOperator<String> appNameOfLabel) {
        Resources requests = requests(pod);
        List<Integer> hostPorts = hostPorts(pod);
        Map<String, String> labels = pod.getMetadata().getLabels();
        String app = labels == null ? null : labels.get(ApiGroup.LABEL_APP);
        String ordinal = labels == null ? null : labels.get(ApiGroup.LABEL_ORDINAL);
        boolean ours = labels != null && ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY));
        if (ours && app != null && ordinal != null) {
            try {
                return RunningTask.instance(
                        appKey(
                                pod.getMetadata().getNamespace(),
                                appNameOfLabel.apply(pod.getMetadata().getNamespace(), app)),
                        Integer.parseInt(ordinal),
                        node,
                        requests,
                        hostPorts);
            } catch (NumberFormatException e) {
                // fall through: count it as a foreign pod so its resources still count
            }
        }
        return RunningTask.foreign(taskId(pod), node, requests, hostPorts);
    }

    /** The engine's id of any pod: its uid, or namespace/name. */
    public static String taskId(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null
                ? "pod:" + uid
                : "pod:" + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName();
    }

    /** The engine's key of an app ({@link AppKey#engineKey()}). */
    public static String appKey(String namespace, String name) {
        return AppKey.engineKey(namespace, name);
    }

    /** The effective requests of a pod: the sum over containers, at least the largest init container. */
    public static Resources requests(Pod pod) {
        Resources sum = Resources.ZERO;
        if (pod.getSpec() == null) {
            return sum;
        }
        for (Container c : pod.getSpec().getContainers()) {
            sum = sum.plus(requests(c));
        }
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                sum = sum.max(requests(c));
            }
        }
        return sum;
    }

    private static Resources requests(Container container) {
        if (container.getResources() == null) {
            return Resources.ZERO;
        }
        Map<String, Quantity> requests = new HashMap<>();
        if (container.getResources().getLimits() != null) {
            requests.putAll(container.getResources().getLimits());
        }
        if (container.getResources().getRequests() != null) {
            requests.putAll(container.getResources().getRequests());
        }
        return new Resources(
                millicores(requests.get("cpu")),
                bytes(requests.get("memory")),
                whole(requests.get(GPU_RESOURCE)),
                bytes(requests.get("ephemeral-storage")));
    }

    private static List<Integer> hostPorts(Pod pod) {
        List<Integer> ports = new ArrayList<>();
        if (pod.getSpec() == null) {
            return ports;
        }
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    ports.add(p.getHostPort());
                }
            }
        }
        return ports;
    }

    /** A ResourcePool as the engine's pool. */
    public static PoolSpec pool(ResourcePool pool) {
        ResourcePoolSpec spec = pool.getSpec() == null ? new ResourcePoolSpec() : pool.getSpec();
        double weight = spec.getWeight() == null || !(spec.getWeight() > 0) ? 1.0 : spec.getWeight();
        List<Reservation> reservations = new ArrayList<>();
        if (spec.getReservations() != null) {
            for (dev.datacenter.operator.api.Reservation r : spec.getReservations()) {
                reservations.add(new Reservation(selector(r.getNodeSelector()), amounts(r.getResources(), 0)));
            }
        }
        return new PoolSpec(
                pool.getMetadata().getName(),
                selector(spec.getNodeSelector()),
                weight,
                amounts(spec.getGuarantee(), 0),
                amounts(spec.getLimit(), Long.MAX_VALUE),
                reservations,
                preemption(spec.getPreemption()));
    }

    static PoolSpec.Preemption preemption(dev.datacenter.operator.api.PreemptionPolicy p) {
        if (p == null) {
            return PoolSpec.Preemption.NEVER;
        }
        return switch (p) {
            case Never -> PoolSpec.Preemption.NEVER;
            case ToGuarantee -> PoolSpec.Preemption.TO_GUARANTEE;
            case ToFairShare -> PoolSpec.Preemption.TO_FAIR_SHARE;
        };
    }

    /** An app's placement needs: pool, per-instance resources, host ports, constraints, colocation, pins. */
    public static dev.datacenter.operator.placement.AppSpec app(DataCenterApp app, Map<Integer, Pin> pins) {
        return app(app, pins, Map.of());
    }

    /**
     * As {@link #app(DataCenterApp, Map)}, with the nodes each instance is barred from because they refused
     * its pod lately.
     */
    public static dev.datacenter.operator.placement.AppSpec app(
            DataCenterApp app, Map<Integer, Pin> pins, Map<Integer, java.util.Set<String>> barred) {
        DataCenterAppSpec spec = app.getSpec();
        String namespace = app.getMetadata().getNamespace();
        List<Integer> ports = new ArrayList<>();
        if (spec.getPorts() != null) {
            for (PortSpec p : spec.getPorts()) {
                if (p.getHostPort() != null) {
                    ports.add(p.getHostPort());
                }
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        if (spec.getConstraints() != null) {
            for (dev.datacenter.operator.api.Constraint c : spec.getConstraints()) {
                constraints.add(new Constraint(
                        c.getField(),
                        Constraint.Operator.valueOf(c.getOperator().name()),
                        emptyToNull(c.getValue())));
            }
        }
        List<Colocation> colocation = new ArrayList<>();
        if (spec.getColocateWith() != null) {
            for (dev.datacenter.operator.api.Colocation c : spec.getColocateWith()) {
                colocation.add(new Colocation(appKey(namespace, c.getApp()), c.getField()));
            }
        }
        String pool = spec.getPool() == null ? ApiGroup.DEFAULT_POOL : spec.getPool();
        return new dev.datacenter.operator.placement.AppSpec(
                        appKey(namespace, app.getMetadata().getName()),
                        pool,
                        resources(spec.getResources()),
                        ports,
                        constraints,
                        colocation,
                        pins)
                .withTolerations(tolerations(spec))
                .withBarred(barred);
    }

    /** An instance's resources. */
    public static Resources resources(AppResources r) {
        if (r == null) {
            return Resources.ZERO;
        }
        return new Resources(
                millicores(r.getCpus()), bytes(r.getMem()), r.getGpus() == null ? 0 : r.getGpus(), bytes(r.getDisk()));
    }

    private static Resources amounts(ResourceAmounts a, long absent) {
        if (a == null) {
            return new Resources(absent, absent, absent, absent);
        }
        return new Resources(
                a.getCpus() == null ? absent : millicores(a.getCpus()),
                a.getMem() == null ? absent : bytes(a.getMem()),
                a.getGpus() == null ? absent : a.getGpus(),
                a.getDisk() == null ? absent : bytes(a.getDisk()));
    }

    /** A Kubernetes label selector in the engine's form ({@link LabelSelectorMatcher#toEngine}). */
    public static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return LabelSelectorMatcher.toEngine(selector);
    }

    /** Millicores of a cpu quantity, rounded up; 0 when absent or unreadable, never above {@link QuantityAmounts#MAX}. */
    public static long millicores(Quantity q) {
        return QuantityAmounts.whole(q, 1000, RoundingMode.CEILING);
    }

    /** Bytes of a memory or storage quantity, rounded up; 0 when absent or unreadable, never above the max. */
    public static long bytes(Quantity q) {
        return QuantityAmounts.whole(q, 1, RoundingMode.CEILING);
    }

    private static long whole(Quantity q) {
        return QuantityAmounts.whole(q, 1, RoundingMode.FLOOR);
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
