package dev.datacenter.operator.inventory;

import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ObjectKey;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.RunningTask;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Brings the engine's nodes, tasks and pools in line with the informer cache, one changed name at a
 * time (level-based: it reads the cache's current object, never the event). Only the allocation loop's
 * thread calls it. Remembers which engine task each pod stands for, so that a late delete of one pod
 * never removes the task a newer pod of the same instance ordinal took over.
 */
public final class EngineFeed {
    private static final Logger LOG = Logger.getLogger(EngineFeed.class);

    private final PlacementEngine engine;
    private final ClusterCache cache;
    private final Map<ObjectKey, String> taskOfPod = new HashMap<>();
    private final Map<String, ObjectKey> podOfTask = new HashMap<>();
    private final FrameworkFeed frameworks;

    public EngineFeed(PlacementEngine engine, ClusterCache cache) {
        this(engine, cache, null);
    }

    /** @param frameworks takes the pods that name the operator as their scheduler; null = none are ours */
    public EngineFeed(PlacementEngine engine, ClusterCache cache, FrameworkFeed frameworks) {
        this.engine = engine;
        this.cache = cache;
        this.frameworks = frameworks;
    }

    /** Every node, pool and pod the cache holds. */
    public void fullSync() {
        cache.nodes().forEach(n -> node(n.getMetadata().getName()));
        cache.pools().forEach(p -> pool(p.getMetadata().getName()));
        cache.pods().forEach(p -> pod(ObjectKey.of(p), null));
    }

    public void node(String name) {
        Optional<Node> node = cache.node(name);
        if (node.isPresent()) {
            engine.upsertNode(EngineInputs.node(node.get()));
        } else {
            engine.removeNode(name);
        }
    }

    /** The {@code default} pool stays implied until a ResourcePool named default exists. */
    public void pool(String name) {
        Optional<dev.datacenter.operator.api.ResourcePool> pool = cache.pool(name);
        if (pool.isEmpty()) {
            engine.removePool(name);
            return;
        }
        try {
            engine.upsertPool(EngineInputs.pool(pool.get()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("ResourcePool %s cannot be used for placement: %s", name, e.getMessage());
            engine.removePool(name);
        }
    }

    /**
     * One pod by "namespace/name". Returns the engine task it was removed from when the pod no longer
     * holds a node (gone, Failed or Succeeded), or null.
     *
     * @param placedTask the engine task of the decision this pod was written for, when the loop placed it
     *        and had not seen it yet (its task is the engine's assumed one): removed with the pod even when
     *        the pod ended before this feed ever saw it hold its node
     */
    public String pod(ObjectKey key, String placedTask) {
        Optional<Pod> pod = cache.pod(key.namespace(), key.name());
        if (frameworks != null && frameworks.pod(key.toString(), pod)) {
            forget(key);
            return null;
        }
        String node = pod.map(EngineInputs::nodeOf).orElse(null);
        if (pod.isEmpty() || node == null || !EngineInputs.holdsResources(pod.get())) {
            String removed = forget(key);
            if (removed == null
                    && placedTask != null
                    && !podOfTask.containsKey(placedTask)
                    && engine.removeTask(placedTask)) {
                return placedTask;
            }
            return removed;
        }
        RunningTask task = EngineInputs.task(pod.get(), node, cache::appNameOfLabel);
        String previous = taskOfPod.put(key, task.id());
        if (previous != null && !previous.equals(task.id()) && key.equals(podOfTask.get(previous))) {
            podOfTask.remove(previous);
            engine.removeTask(previous);
        }
        podOfTask.put(task.id(), key);
        engine.addRunningTask(task);
        return null;
    }

    /** The pod an engine task stands for, as last seen. */
    public Optional<ObjectKey> podOf(String taskId) {
        return Optional.ofNullable(podOfTask.get(taskId));
    }

    private String forget(ObjectKey key) {
        String task = taskOfPod.remove(key);
        if (task == null || !key.equals(podOfTask.get(task))) {
            return null;
        }
        podOfTask.remove(task);
        engine.removeTask(task);
        return task;
    }
}
