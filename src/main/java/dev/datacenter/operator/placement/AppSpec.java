package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the engine needs to know about a DataCenterApp. Which instances are pending is set separately
 * ({@link PlacementEngine#setPending}), which are running by {@link PlacementEngine#addRunningTask}.
 *
 * @param key          "namespace/name"
 * @param pool         the pool name
 * @param resources    per-instance resources
 * @param ports        requested host ports, one per port index: 0 = dynamic from the node's range, >0 = fixed
 * @param constraints  Marathon constraints, all must hold
 * @param colocateWith colocation rules, all must hold
 * @param pins         instance ordinal to its pinned node
 * @param tolerations  the taints the app tolerates (a GPU app also tolerates {@code nvidia.com/gpu})
 * @param barred       instance ordinal to nodes that refused it lately: that instance gets no offer there
 */
public record AppSpec(
        String key,
        String pool,
        Resources resources,
        List<Integer> ports,
        List<Constraint> constraints,
        List<Colocation> colocateWith,
        Map<Integer, Pin> pins,
        List<Toleration> tolerations,
        Map<Integer, Set<String>> barred) {

    public AppSpec {
        Objects.requireNonNull(key, "key");
        pool = pool == null ? PoolSpec.DEFAULT_POOL : pool;
        Objects.requireNonNull(resources, "resources");
        ports = ports == null ? List.of() : List.copyOf(ports);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        colocateWith = colocateWith == null ? List.of() : List.copyOf(colocateWith);
        pins = pins == null ? Map.of() : Map.copyOf(new TreeMap<>(pins));
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        if (barred == null || barred.isEmpty()) {
            barred = Map.of();
        } else {
            Map<Integer, Set<String>> copy = new TreeMap<>();
            barred.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) copy.put(k, Set.copyOf(v));
            });
            barred = Map.copyOf(copy);
        }
    }

    /** An app without tolerations and without barred nodes. */
    public AppSpec(
            String key,
            String pool,
            Resources resources,
            List<Integer> ports,
            List<Constraint> constraints,
            List<Colocation> colocateWith,
            Map<Integer, Pin> pins) {
        this(key, pool, resources, ports, constraints, colocateWith, pins, List.of(), Map.of());
    }

    /** An app with resources only: no ports, constraints, colocation or pins. */
    public static AppSpec of(String key, String pool, Resources resources) {
        return new AppSpec(key, pool, resources, List.of(), List.of(), List.of(), Map.of(), List.of(), Map.of());
    }

    public AppSpec withConstraints(List<Constraint> c) {
        return new AppSpec(key, pool, resources, ports, c, colocateWith, pins, tolerations, barred);
    }

    public AppSpec withPorts(List<Integer> p) {
        return new AppSpec(key, pool, resources, p, constraints, colocateWith, pins, tolerations, barred);
    }

    public AppSpec withColocation(List<Colocation> c) {
        return new AppSpec(key, pool, resources, ports, constraints, c, pins, tolerations, barred);
    }

    public AppSpec withTolerations(List<Toleration> t) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, pins, t, barred);
    }

    public AppSpec withBarred(Map<Integer, Set<String>> b) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, pins, tolerations, b);
    }

    public AppSpec withPins(Map<Integer, Pin> p) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, p, tolerations, barred);
    }
}
