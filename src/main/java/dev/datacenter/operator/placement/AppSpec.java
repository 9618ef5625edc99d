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
 * @param priority     orders preemption victims: lower priorities are preempted first (default 0)
 * @param disruptionBudget how many more of its running instances preemption may take now
 *                     ({@link DisruptionBudget#allowed}); {@link #UNLIMITED_DISRUPTION} for work without a
 *                     health floor (the default), 0 for none
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
        int disruptionBudget) {

    /** The disruption budget of work without a health floor. */
    public static final int UNLIMITED_DISRUPTION = Integer.MAX_VALUE;

    public AppSpec {
        if (disruptionBudget < 0) throw new IllegalArgumentException("disruption budget < 0: " + disruptionBudget);
        Objects.requireNonNull(key, "key");
        pool = pool == null ? PoolSpec.DEFAULT_POOL : pool;
        Objects.requireNonNull(resources, "resources");
        ports = ports == null ? List.of() : List.copyOf(ports);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        colocateWith = colocateWith == null ? List.of() : List.copyOf(colocateWith);
        pins = pins == null ? Map.of() : Map.copyOf(new TreeMap<>(pins));
    }

    /** Priority 0, no limit on disruption. */
    public AppSpec(
            String key,
            String pool,
            Resources resources,
            List<Integer> ports,
            List<Constraint> constraints,
            List<Colocation> colocateWith,
            Map<Integer, Pin> pins) {
        this(key, pool, resources, ports, constraints, colocateWith, pins, 0, UNLIMITED_DISRUPTION);
    }

    /** The same app with a victim priority and disruption budget. */
    public AppSpec withPreemptionTerms(int priority, int disruptionBudget) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, pins, priority, disruptionBudget);
    }

    /** An app with resources only: no ports, constraints, colocation or pins. */
    public static AppSpec of(String key, String pool, Resources resources) {
        return new AppSpec(key, pool, resources, List.of(), List.of(), List.of(), Map.of());
    }

    public AppSpec withConstraints(List<Constraint> c) {
        return new AppSpec(key, pool, resources, ports, c, colocateWith, pins, priority, disruptionBudget);
    }

    public AppSpec withPorts(List<Integer> p) {
        return new AppSpec(key, pool, resources, p, constraints, colocateWith, pins, priority, disruptionBudget);
    }

    public AppSpec withColocation(List<Colocation> c) {
        return new AppSpec(key, pool, resources, ports, constraints, c, pins, priority, disruptionBudget);
    }

    public AppSpec withPins(Map<Integer, Pin> p) {
        return new AppSpec(key, pool, resources, ports, constraints, colocateWith, p, priority, disruptionBudget);
    }
}
