package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * @param priority     orders the apps of one pool: a higher priority takes its turns before any lower one
 *                     (DRF among equal priorities); default 0
 * @param gang         a gang name shared by apps whose instances are placed all together in one cycle or not
 *                     at all; null = no gang
 * @param gangSize     how many instances the gang has in all (over its apps); nothing of it is placed before
 *                     that many are known (running or waiting)
 */
public record AppSpec(
        String key,
        String pool,
        Resources resources,
        List<Integer> ports,
        List<Constraint> constraints,
        List<Colocation> colocateWith,
        Map<Integer, Pin> pins,
        int priority,
        String gang,
        int gangSize) {

    public AppSpec {
        Objects.requireNonNull(key, "key");
        pool = pool == null ? PoolSpec.DEFAULT_POOL : pool;
        Objects.requireNonNull(resources, "resources");
        ports = ports == null ? List.of() : List.copyOf(ports);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        colocateWith = colocateWith == null ? List.of() : List.copyOf(colocateWith);
        pins = pins == null ? Map.of() : Map.copyOf(new TreeMap<>(pins));
        if (gang != null && gang.isEmpty()) gang = null;
        gangSize = gang == null ? 0 : Math.max(1, gangSize);
    }

    /** An app of priority 0 and no gang. */
    public AppSpec(
            String key,
            String pool,
            Resources resources,
            List<Integer> ports,
            List<Constraint> constraints,
            List<Colocation> colocateWith,
            Map<Integer, Pin> pins) {
        this(key, pool, resources, ports, constraints, colocateWith, pins, 0, null, 0);
    }

    /** An app with resources only: no ports, constraints, colocation or pins. */
    public static AppSpec of(String key, String pool, Resources resources) {
        return new AppSpec(key, pool, resources, List.of(), List.of(), List.of(), Map.of());
    }

    public AppSpec withConstraints(List<Constraint> c) {
        return new AppSpec(key, pool, resources, ports, c, colocateWith, pins, priority, gang, gangSize);
    }

    public AppSpec withPorts(List<Integer> p) {
        return new AppSpec(key, pool, resources, p, constraints, colocateWith, pins, priority, gang, gangSize);
    }

    public AppSpec withColocation(List<Colocation> c) {
        return new AppSpec(key, pool, resources, ports, constraints, c, pins, priority, gang, gangSize);
    }

    public AppSpec withPins(Map<Integer, Pin> p) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, p, priority, gang, gangSize);
    }

    public AppSpec withPriority(int p) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, pins, p, gang, gangSize);
    }

    /** Member of gang {@code name} of {@code size} instances in all. */
    public AppSpec withGang(String name, int size) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, pins, priority, name, size);
    }
}
