package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependencies between the DataCenterApps of one namespace: which are missing, which form a
 * cycle (with the path, for the message), and who depends on whom (to requeue dependents when an
 * app's readiness changes).
 */
public final class DependencyGraph {
    private final Map<String, List<String>> dependencies;

    /** A problem that keeps an app from ever being placed: its condition reason and message. */
    public record Problem(String reason, String message) {}

    /** The graph of {@code dependencies}: app name → the names it depends on, for every app of the namespace. */
    public DependencyGraph(Map<String, List<String>> dependencies) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dependencies.forEach((app, deps) -> copy.put(app, List.copyOf(SpecDefaults.list(deps))));
        this.dependencies = Collections.unmodifiableMap(copy);
    }

    /** The graph of {@code apps} (all of one namespace). */
    public static DependencyGraph of(Collection<DataCenterApp> apps) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (DataCenterApp app : apps) {
            deps.put(
                    app.getMetadata().getName(),
                    app.getSpec() == null
                            ? List.of()
                            : SpecDefaults.list(app.getSpec().getDependencies()));
        }
        return new DependencyGraph(deps);
    }

    /** The direct dependencies of {@code app} (empty for an unknown app). */
    public List<String> dependencies(String app) {
        return dependencies.getOrDefault(app, List.of());
    }

    /** The dependencies of {@code app} that are not apps of the namespace, in spec order. */
    public List<String> missing(String app) {
        return dependencies(app).stream()
                .filter(d -> !dependencies.containsKey(d))
                .toList();
    }

    /** The apps that depend directly on {@code app}, sorted. */
    public Set<String> dependents(String app) {
        Set<String> out = new TreeSet<>();
        dependencies.forEach((a, deps) -> {
            if (deps.contains(app)) {
                out.add(a);
            }
        });
        return out;
    }

    /**
     * The shortest cycle through {@code app}, as a path that starts and ends with it
     * ({@code [a, b, c, a]}; {@code [a, a]} for an app that depends on itself); empty when
     * {@code app} is on no cycle. (An app that only depends on a cycle is not on it: it waits.)
     */
    public Optional<List<String>> cycle(String app) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String d : dependencies(app)) {
            if (d.equals(app)) {
                return Optional.of(List.of(app, app));
            }
            if (!parent.containsKey(d)) {
                parent.put(d, app);
                queue.add(d);
            }
        }
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String d : dependencies(current)) {
                if (d.equals(app)) {
                    return Optional.of(path(parent, current, app));
                }
                if (!parent.containsKey(d) && dependencies.containsKey(d)) {
                    parent.put(d, current);
                    queue.add(d);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The problem that keeps {@code app} from ever being placed: {@code DependencyNotFound} when a
     * dependency does not exist, else {@code DependencyCycle} when it is on a cycle; empty otherwise.
     */
    public Optional<Problem> problem(String app) {
        List<String> missing = missing(app);
        if (!missing.isEmpty()) {
            return Optional.of(new Problem(
                    ConditionReasons.DEPENDENCY_NOT_FOUND,
                    "no DataCenterApp named " + String.join(", ", missing) + " in this namespace"
                            + " (listed in spec.dependencies)"));
        }
        return cycle(app)
                .map(c ->
                        new Problem(ConditionReasons.DEPENDENCY_CYCLE, "dependency cycle: " + String.join(" -> ", c)));
    }

    private static List<String> path(Map<String, String> parent, String last, String app) {
        List<String> reversed = new ArrayList<>();
        reversed.add(app);
        for (String at = last; !at.equals(app); at = parent.get(at)) {
            reversed.add(at);
        }
        reversed.add(app);
        Collections.reverse(reversed);
        return reversed;
    }
}
