package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the engine needs to know about an app (a DataCenterApp, or the framework pods of one owner). Which
 * instances are pending is set separately ({@link PlacementEngine#setPending}), which are running by
 * {@link PlacementEngine#addRunningTask}.
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
 * @param priority     as a Kubernetes priority: a higher priority takes its turns in its pool before any lower
 *                     one (DRF among equal priorities), and lower priorities are preempted first; default 0
 * @param disruptionBudget how many more of its running instances preemption may take now
 *                     ({@link DisruptionBudget#allowed}); {@link #UNLIMITED_DISRUPTION} for work without a
 *                     health floor (the default), 0 for none
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
        List<Toleration> tolerations,
        Map<Integer, Set<String>> barred,
        int priority,
        int disruptionBudget,
        String gang,
        int gangSize) {

    /** The disruption budget of work without a health floor. */
    public static final int UNLIMITED_DISRUPTION = Integer.MAX_VALUE;

    public AppSpec {
        Objects.requireNonNull(key, "key");
        if (disruptionBudget < 0) throw new IllegalArgumentException("disruption budget < 0: " + disruptionBudget);
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
        if (gang != null && gang.isEmpty()) gang = null;
        gangSize = gang == null ? 0 : Math.max(1, gangSize);
    }

    /** An app without tolerations or barred nodes, of priority 0, no limit on disruption, no gang. */
    public AppSpec(
            String key,
            String pool,
            Resources resources,
            List<Integer> ports,
            List<Constraint> constraints,
            List<Colocation> colocateWith,
            Map<Integer, Pin> pins) {
        this(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                List.of(),
                Map.of(),
                0,
                UNLIMITED_DISRUPTION,
                null,
                0);
    }

    /** An app with tolerations and barred nodes, of priority 0, no limit on disruption, no gang. */
    public AppSpec(
            String key,
            String pool,
            Resources resources,
            List<Integer> ports,
            List<Constraint> constraints,
            List<Colocation> colocateWith,
            Map<Integer, Pin> pins,
            List<Toleration> tolerations,
            Map<Integer, Set<String>> barred) {
        this(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                tolerations,
                barred,
                0,
                UNLIMITED_DISRUPTION,
                null,
                0);
    }

    /** An app with resources only: no ports, constraints, colocation or pins. */
    public static AppSpec of(String key, String pool, Resources resources) {
        return new AppSpec(key, pool, resources, List.of(), List.of(), List.of(), Map.of());
    }

    public AppSpec withConstraints(List<Constraint> c) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                c,
                colocateWith,
                pins,
                tolerations,
                barred,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withPorts(List<Integer> p) {
        return new AppSpec(
                key,
                pool,
                resources,
                p,
                constraints,
                colocateWith,
                pins,
                tolerations,
                barred,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withColocation(List<Colocation> c) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                c,
                pins,
                tolerations,
                barred,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withPins(Map<Integer, Pin> p) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                p,
                tolerations,
                barred,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withTolerations(List<Toleration> t) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                t,
                barred,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withBarred(Map<Integer, Set<String>> b) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                tolerations,
                b,
                priority,
                disruptionBudget,
                gang,
                gangSize);
    }

    public AppSpec withPriority(int p) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                tolerations,
                barred,
                p,
                disruptionBudget,
                gang,
                gangSize);
    }

    /** The same app with a victim priority and disruption budget. */
    public AppSpec withPreemptionTerms(int p, int budget) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                tolerations,
                barred,
                p,
                budget,
                gang,
                gangSize);
    }

    /** Member of gang {@code name} of {@code size} instances in all. */
    public AppSpec withGang(String name, int size) {
        return new AppSpec(
                key,
                pool,
                resources,
                ports,
                constraints,
                colocateWith,
                pins,
                tolerations,
                barred,
                priority,
                disruptionBudget,
                name,
                size);
    }
}
