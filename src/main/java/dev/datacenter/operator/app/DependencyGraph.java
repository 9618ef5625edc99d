package dev.datacenter.operator.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The dependencies between the apps of one namespace: app name to the names it depends on. */
public final class DependencyGraph {
    private final Map<String, List<String>> dependencies;

    public DependencyGraph(Map<String, List<String>> dependencies) {
        this.dependencies = dependencies;
    }

    /**
     * A cycle reachable from {@code start}, as the path that closes it ({@code [b, c, b]}), or empty.
     * Depth-first without recursion, so a long chain of apps cannot overflow the stack.
     */
    public Optional<List<String>> cycleFrom(String start) {
        List<String> path = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        Set<String> done = new HashSet<>();
        Deque<Iterator<String>> pending = new ArrayDeque<>();
        path.add(start);
        onPath.add(start);
        pending.push(dependenciesOf(start));
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
                pending.push(dependenciesOf(child));
            }
        }
        return Optional.empty();
    }

    private Iterator<String> dependenciesOf(String app) {
        return dependencies.getOrDefault(app, List.of()).iterator();
    }
}
