package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
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
     * A cycle reachable from {@code start}, as the path that closes it ({@code [b, c, b]}; {@code [a, a]} for
     * an app that depends on itself), or empty. An app that depends on a cycle can never be placed either, so
     * the cycle is reported on it too. Depth-first without recursion: a long chain cannot overflow the stack.
     */
    public Optional<List<String>> cycleFrom(String start) {
        List<String> path = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        Set<String> done = new HashSet<>();
        Deque<Iterator<String>> pending = new ArrayDeque<>();
        path.add(start);
        onPath.add(start);
        pending.push(dependencies(start).iterator());
        while (!pending.isEmpty()) {
            Iterator<String> children = pending.peek();
            if (!children.hasNext()) {
                String finished = path.remove(path.size() - 1);
                onPath.remove(finished);
                done.add(finished);
                pending.pop();
                continue;
            }
            String child = children.next();
            if (onPath.contains(child)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
                cycle.add(child);
                return Optional.of(cycle);
            }
            if (!done.contains(child)) {
                path.add(child);
                onPath.add(child);
                pending.push(dependencies(child).iterator());
            }
        }
        return Optional.empty();
    }

    /**
     * The problem that keeps {@code app} from ever being placed: {@code DependencyNotFound} when a
     * dependency does not exist, else {@code DependencyCycle} when a cycle is reachable from it; empty
     * otherwise.
     */
    public Optional<Problem> problem(String app) {
        List<String> missing = missing(app);
        if (!missing.isEmpty()) {
            return Optional.of(new Problem(
                    ConditionReasons.DEPENDENCY_NOT_FOUND,
                    (missing.size() == 1 ? "dependency " : "dependencies ") + String.join(", ", missing)
                            + " not found in this namespace"));
        }
        return cycleFrom(app)
                .map(c -> new Problem(
                        ConditionReasons.DEPENDENCY_CYCLE, "dependencies form a cycle: " + String.join(" -> ", c)));
    }
}
