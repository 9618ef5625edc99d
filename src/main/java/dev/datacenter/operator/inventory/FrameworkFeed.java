package dev.datacenter.operator.inventory;

import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.RunningTask;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the engine's framework apps in line with the pods that name the operator as their scheduler: each
 * live pod is an instance (an ordinal the feed hands out) of its engine app ({@link FrameworkPods}); a pod
 * without a node waits (pending), a bound pod is a running task, a pod that ended or went away holds nothing,
 * and an app with no pod left is removed. Only the allocation loop's thread calls it.
 */
public final class FrameworkFeed {

    private final PlacementEngine engine;
    private final String schedulerName;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, String> problems = new HashMap<>();

    private record Member(String appKey, int ordinal) {}

    /** One engine app: its pods by ordinal and the ordinals waiting for a node. */
    private static final class Group {
        final FrameworkPods.Translation translation;
        final TreeMap<Integer, String> pods = new TreeMap<>();
        final TreeSet<Integer> pending = new TreeSet<>();
        final TreeSet<Integer> bound = new TreeSet<>();
        int next;

        Group(FrameworkPods.Translation translation) {
            this.translation = translation;
        }
    }

    /** A framework app's figures for the frameworks view. */
    public record AppFigures(String appKey, String namespace, String owner, String pool, int running, int waiting) {}

    public FrameworkFeed(PlacementEngine engine, String schedulerName) {
        this.engine = engine;
        this.schedulerName = schedulerName;
    }

    /**
     * One pod by "namespace/name" as the cache has it now. Returns true when the pod is (or was) a framework
     * pod: then it is handled here, and is no foreign usage.
     */
    public boolean pod(String key, Optional<Pod> pod) {
        boolean framework = pod.isPresent() && FrameworkPods.isFramework(pod.get(), schedulerName);
        if (!framework) {
            problems.remove(key);
            return drop(key);
        }
        Pod p = pod.get();
        if (!EngineInputs.holdsResources(p) || p.getMetadata().getDeletionTimestamp() != null) {
            problems.remove(key);
            drop(key);
            return true;
        }
        FrameworkPods.Translation t = FrameworkPods.translate(p);
        if (t.problem() != null) {
            drop(key);
            problems.put(key, t.problem());
            return true;
        }
        problems.remove(key);
        Member m = members.get(key);
        if (m != null && !m.appKey().equals(t.appKey())) {
            drop(key);
            m = null;
        }
        Group g = groups.get(t.appKey());
        if (g == null) {
            g = new Group(t);
            groups.put(t.appKey(), g);
            engine.upsertApp(t.spec());
        }
        if (m == null) {
            m = new Member(t.appKey(), g.next++);
            members.put(key, m);
            g.pods.put(m.ordinal(), key);
        }
        String node = p.getSpec().getNodeName();
        if (node != null && !node.isEmpty()) {
            engine.addRunningTask(
                    RunningTask.instance(t.appKey(), m.ordinal(), node, t.spec().resources(), List.of()));
            g.bound.add(m.ordinal());
            if (g.pending.remove(m.ordinal())) engine.setPending(t.appKey(), g.pending);
        } else if (g.pending.add(m.ordinal())) {
            engine.setPending(t.appKey(), g.pending);
        }
        return true;
    }

    private boolean drop(String key) {
        Member m = members.remove(key);
        if (m == null) return false;
        Group g = groups.get(m.appKey());
        g.pods.remove(m.ordinal());
        g.bound.remove(m.ordinal());
        engine.removeTask(RunningTask.instanceId(m.appKey(), m.ordinal()));
        if (g.pods.isEmpty()) {
            engine.removeApp(m.appKey());
            groups.remove(m.appKey());
        } else if (g.pending.remove(m.ordinal())) {
            engine.setPending(m.appKey(), g.pending);
        }
        return true;
    }

    /** Whether the engine app is one of ours (a framework app, not a DataCenterApp). */
    public boolean owns(String appKey) {
        return groups.containsKey(appKey);
    }

    /** The "namespace/name" of the pod behind instance {@code ordinal} of the framework app, if any. */
    public Optional<String> podOf(String appKey, int ordinal) {
        Group g = groups.get(appKey);
        return g == null ? Optional.empty() : Optional.ofNullable(g.pods.get(ordinal));
    }

    /** Pods of the framework app with no node, by ordinal. */
    public Map<Integer, String> unbound(String appKey) {
        Group g = groups.get(appKey);
        Map<Integer, String> out = new TreeMap<>();
        if (g != null) for (int ord : g.pending) out.put(ord, g.pods.get(ord));
        return out;
    }

    /** Framework pods that cannot be placed as written (a bad annotation): pod key to the problem. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /** Every framework app with its running (bound) and waiting pod counts. */
    public List<AppFigures> figures() {
        return groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new AppFigures(
                        e.getKey(),
                        e.getValue().translation.namespace(),
                        e.getValue().translation.owner(),
                        e.getValue().translation.pool(),
                        e.getValue().bound.size(),
                        e.getValue().pending.size()))
                .toList();
    }

    /** The per-pod requests of the framework app (zero when unknown). */
    public dev.datacenter.operator.placement.Resources resources(String appKey) {
        Group g = groups.get(appKey);
        return g == null
                ? dev.datacenter.operator.placement.Resources.ZERO
                : g.translation.spec().resources();
    }

    /** Keys of every framework app. */
    public Set<String> appKeys() {
        return Set.copyOf(groups.keySet());
    }
}
