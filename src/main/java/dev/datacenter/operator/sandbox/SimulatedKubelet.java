package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The kubelets of every simulated node, and the parts of the control plane the sandbox has no other
 * process for. It watches pods, nodes and claims, and for each pod:
 * <ol>
 * <li><b>scheduler stand-in</b>: a pod with no {@code spec.nodeName} pinned by a required node affinity
 * {@code matchFields metadata.name In [<node>]} to an existing, Ready, schedulable node has its claims bound
 * on that node ({@link VolumeBinder}) and is then bound to it by setting {@code spec.nodeName} with a patch
 * (the in-process API refuses {@code pods/binding}); otherwise it stays Pending with
 * {@code PodScheduled=False, reason Unschedulable} and a message saying why. Pods not pinned this way are
 * left alone: the sandbox has no general scheduler.</li>
 * <li><b>kubelet</b>: a pod bound to a Ready node (by the stand-in above, by {@code pods/binding}, or created with
 * {@code spec.nodeName}) is reported Running and Ready (conditions, container statuses, host and pod IPs)
 * through the pods' {@code /status} path. A pod annotated {@value #RUN_SECONDS}{@code : "<seconds>"} completes
 * that long after it started: phase {@code Succeeded}, its containers terminated with exit code 0 (how the
 * sandbox runs Jobs to completion).</li>
 * <li>It records the scheduler's {@code Scheduled} and {@code FailedScheduling} Events on the pod.</li>
 * <li><b>node lifecycle controller</b>: a pod on a node that is not Ready gets {@code Ready=False}; a pod
 * bound to a node that no longer exists is deleted (pod garbage collection).</li>
 * </ol>
 * Pods are worked on by {@value #POD_WORKERS} threads, each pod by the one its node (or the node it is pinned to)
 * falls to, so the pods of one node are admitted one at a time, as one kubelet does; a pod is never worked on by
 * two threads at once. Each write is one request (a JSON Patch, no read before it). A failed step is retried a
 * second later. Construct it with a
 * client of the API it should serve (the sandbox's, or a {@code @WithKubernetesTestServer} one in tests), then
 * {@link #start()} and {@link #close()}.
 */
public final class SimulatedKubelet implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedKubelet.class);
    private static final long RETRY_MILLIS = 1000;
    /** Annotation on a pod: the simulated container exits 0 this many seconds (a decimal) after the pod started. */
    public static final String RUN_SECONDS = "datacenter.dev/sandbox-run-seconds";

    private final KubernetesClient client;
    private final VolumeBinder volumes;
    private final SchedulingEvents events;
    private final PodAddresses addresses = new PodAddresses();
    /** The threads that work on pods: requests to the API wait for answers, and one thread left it idle. */
    static final int POD_WORKERS = 4;

    /** Node lifecycle, retries and timers. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-kubelet");
        t.setDaemon(true);
        return t;
    });

    private final ExecutorService[] podWorkers = new ExecutorService[POD_WORKERS];

    {
        for (int i = 0; i < POD_WORKERS; i++) {
            String name = "simulated-kubelet-" + i;
            podWorkers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The pods a thread works on now. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();

    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<PersistentVolumeClaim> claims;

    public SimulatedKubelet(KubernetesClient client) {
        this.client = client;
        this.volumes = new VolumeBinder(client);
        this.events = new SchedulingEvents(client);
    }

    /** Starts watching; returns once the caches are filled. */
    public synchronized SimulatedKubelet start() {
        nodes = client.nodes().inform(handler(this::nodeChanged), 0);
        pods = client.pods()
                .inAnyNamespace()
                .withIndexers(Map.of(BY_NODE, SimulatedKubelet::nodeOf))
                .inform(handler(pod -> enqueue(Cache.metaNamespaceKeyFunc(pod))), 0);
        claims = client.persistentVolumeClaims().inAnyNamespace().inform(handler(this::claimChanged), 0);
        pods.getStore().list().forEach(pod -> enqueue(Cache.metaNamespaceKeyFunc(pod)));
        worker.scheduleWithFixedDelay(this::nodeLifecycle, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
        for (ExecutorService podWorker : podWorkers) {
            podWorker.shutdownNow();
        }
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {claims, pods, nodes}) {
            if (informer != null) {
                informer.close();
            }
        }
    }

    private <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(obj);
            }
        };
    }

    private void nodeChanged(Node node) {
        String name = node.getMetadata().getName();
        podsWhere(pod -> name.equals(pod.getSpec().getNodeName())
                || NodePin.pinnedNodes(pod).contains(name));
    }

    private void claimChanged(PersistentVolumeClaim claim) {
        String namespace = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        podsWhere(pod -> namespace.equals(pod.getMetadata().getNamespace())
                && VolumeBinder.claimNames(pod).contains(name));
    }

    private void podsWhere(java.util.function.Predicate<Pod> predicate) {
        if (pods != null) {
            pods.getStore().list().stream().filter(predicate).forEach(pod -> enqueue(Cache.metaNamespaceKeyFunc(pod)));
        }
    }

    /**
     * The node lifecycle controller: NoExecute taints for nodes that are not Ready ({@link NoExecuteTaints}), and
     * the eviction of the pods there that do not tolerate them (at once, or after their tolerationSeconds).
     */
    private void nodeLifecycle() {
        try {
            Instant now = Instant.now();
            for (Node node : nodes.getStore().list()) {
                List<Taint> desired = NoExecuteTaints.desiredTaints(node, now);
                List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null
                        ? List.of()
                        : node.getSpec().getTaints();
                if (!taintKeys(desired).equals(taintKeys(current))) {
                    client.nodes().withName(node.getMetadata().getName()).edit(n -> {
                        if (n.getSpec() == null) {
                            n.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
                        }
                        n.getSpec().setTaints(desired);
                        return n;
                    });
                }
                if (desired.isEmpty()) {
                    continue; // no NoExecute taint: nothing to evict
                }
                for (Pod pod : podsOn(node.getMetadata().getName())) {
                    if (pod.getMetadata().getDeletionTimestamp() != null || NodeRoom.isTerminal(pod)) {
                        continue;
                    }
                    // a pod created through a server without DefaultTolerationSeconds is judged as one with it
                    Optional<Instant> evictAt = NoExecuteTaints.evictionTime(DefaultTolerations.apply(pod), desired);
                    if (evictAt.isPresent() && !evictAt.get().isAfter(now)) {
                        LOG.infof(
                                "simulated node lifecycle controller: evicting pod %s/%s from %s (NoExecute taint)",
                                pod.getMetadata().getNamespace(),
                                pod.getMetadata().getName(),
                                node.getMetadata().getName());
                        client.pods()
                                .inNamespace(pod.getMetadata().getNamespace())
                                .withName(pod.getMetadata().getName())
                                .delete();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("simulated node lifecycle controller: %s; retrying", e.getMessage());
        }
    }

    private static List<String> taintKeys(List<Taint> taints) {
        return taints.stream()
                .map(t -> t.getKey() + ":" + t.getEffect())
                .sorted()
                .toList();
    }

    private void enqueue(String key) {
        if (queued.add(key) && !worker.isShutdown()) {
            try {
                podWorkers[shard(key)].execute(() -> work(key));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.remove(key); // closing
            }
        }
    }

    /** The thread of the pod's node, or of the first node it is pinned to: one node's pods are admitted in turn. */
    private int shard(String key) {
        Pod pod = pods == null ? null : pods.getStore().getByKey(key);
        String node = pod == null
                ? null
                : pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if ((node == null || node.isEmpty()) && pod != null) {
            List<String> pinned = NodePin.pinnedNodes(pod);
            node = pinned.isEmpty() ? null : pinned.get(0);
        }
        return Math.floorMod((node == null ? key : node).hashCode(), POD_WORKERS);
    }

    private void work(String key) {
        if (!working.add(key)) {
            // another thread has it (its node changed meanwhile): after that one
            queued.remove(key);
            later(key, 10);
            return;
        }
        try {
            queued.remove(key);
            Pod pod = pods.getStore().getByKey(key);
            if (pod == null) {
                return;
            }
            workOn(key, pod);
        } finally {
            working.remove(key);
        }
    }

    private void workOn(String key, Pod pod) {
        try {
            reconcile(pod);
        } catch (KubernetesClientException e) {
            LOG.debugf("simulated kubelet: pod %s: %s; retrying", key, e.getMessage());
            retry(key);
        } catch (RuntimeException e) {
            LOG.warnf(e, "simulated kubelet: pod %s failed; retrying", key);
            retry(key);
        }
    }

    private void retry(String key) {
        if (!worker.isShutdown()) {
            worker.schedule(() -> enqueue(key), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void reconcile(Pod pod) {
        String phase = PodStatuses.current(pod).getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            schedule(pod);
        } else {
            run(pod, nodeName);
        }
    }

    /** The scheduler's part: bind a pinned pod to its node, or say why it cannot be. */
    private void schedule(Pod pod) {
        List<String> pinned = NodePin.pinnedNodes(pod);
        if (pinned.isEmpty()) {
            return;
        }
        StringBuilder why = new StringBuilder();
        for (String name : pinned) {
            Optional<Node> node = node(name);
            Optional<String> problem = node.isEmpty()
                    ? Optional.of("node " + name + " does not exist")
                    : !NodePin.isReady(node.get())
                            ? Optional.of("node " + name + " is not ready")
                            : NodePin.isUnschedulable(node.get())
                                    ? Optional.of("node " + name + " is unschedulable")
                                    : noRoom(pod, node.get()).or(() -> bindClaims(pod, node.get()));
            if (problem.isEmpty()) {
                bind(pod, name);
                return;
            }
            why.append(why.length() == 0 ? "" : "; ").append(problem.get());
        }
        String message = "0/" + nodes.getStore().list().size() + " nodes are available: the pod is pinned to "
                + String.join(",", pinned) + ", and " + why;
        if (writeStatus(pod, PodStatuses.unschedulable(pod, message))) {
            events.failedScheduling(pod, message);
        }
    }

    /** kube-scheduler's resource fit: every pod bound to the node counts, ours and foreign. */
    private Optional<String> noRoom(Pod pod, Node node) {
        List<String> missing =
                NodeRoom.insufficient(node, pod, podsOn(node.getMetadata().getName()));
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("node " + node.getMetadata().getName() + ": " + NodeRoom.schedulerMessage(missing));
    }

    /** The pods bound to the node, from an index of the pod cache by node (not a scan of every pod). */
    private List<Pod> podsOn(String nodeName) {
        return pods.getIndexer().byIndex(BY_NODE, nodeName);
    }

    private static final String BY_NODE = "node";

    private static List<String> nodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    private void bind(Pod pod, String node) {
        LOG.debugf(
                "simulated scheduler: binding pod %s/%s to %s",
                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node);
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON), jsonPatch("/spec/nodeName", node));
        events.scheduled(pod, node);
    }

    /** Claims are bound one pod at a time (two pods of one claim may be on nodes of different threads). */
    private Optional<String> bindClaims(Pod pod, Node node) {
        if (VolumeBinder.claimNames(pod).isEmpty()) {
            return Optional.empty();
        }
        synchronized (volumes) {
            return volumes.bindClaims(pod, node);
        }
    }

    /** The kubelet's part: report the pod's state on its node. */
    private void run(Pod pod, String nodeName) {
        Optional<Node> node = node(nodeName);
        if (node.isEmpty()) {
            LOG.infof(
                    "simulated kubelet: node %s is gone, deleting its pod %s/%s",
                    nodeName,
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName());
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .delete();
            return;
        }
        if (!NodePin.isReady(node.get())) {
            writeStatus(pod, PodStatuses.nodeNotReady(pod, nodeName));
            return;
        }
        if (!"Running".equals(PodStatuses.current(pod).getPhase())) {
            // the kubelet's admission: only the pods it already runs count
            List<Pod> admitted = podsOn(nodeName).stream()
                    .filter(p -> "Running".equals(PodStatuses.current(p).getPhase()))
                    .toList();
            List<String> missing = NodeRoom.insufficient(node.get(), pod, admitted);
            if (!missing.isEmpty()) {
                writeStatus(
                        pod,
                        PodStatuses.rejected(
                                pod,
                                NodeRoom.kubeletReason(missing),
                                "Pod was rejected: Node didn't have enough resource: " + String.join(", ", missing)));
                return;
            }
        }
        Optional<String> problem = bindClaims(pod, node.get());
        if (problem.isPresent()) {
            LOG.debugf(
                    "simulated kubelet: pod %s/%s cannot start: %s",
                    pod.getMetadata().getNamespace(), pod.getMetadata().getName(), problem.get());
            return;
        }
        String hostIp = NodePin.internalIp(node.get()).orElse("127.0.0.1");
        String podIp =
                Optional.ofNullable(PodStatuses.current(pod).getPodIP()).orElseGet(() -> addresses.next(nodeName));
        OptionalLong runMillis = runMillis(pod);
        String started = PodStatuses.current(pod).getStartTime();
        if (runMillis.isPresent()
                && started != null
                && "Running".equals(PodStatuses.current(pod).getPhase())) {
            long left = java.time.Instant.parse(started).toEpochMilli()
                    + runMillis.getAsLong()
                    - System.currentTimeMillis();
            if (left <= 0) {
                writeStatus(pod, PodStatuses.succeeded(pod));
                return;
            }
            later(Cache.metaNamespaceKeyFunc(pod), left);
            return;
        }
        writeStatus(pod, PodStatuses.running(pod, hostIp, podIp));
        if (runMillis.isPresent()) {
            later(Cache.metaNamespaceKeyFunc(pod), runMillis.getAsLong());
        }
    }

    private static OptionalLong runMillis(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(RUN_SECONDS);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.max(0, Math.round(Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            LOG.debugf(
                    "simulated kubelet: ignoring %s=%s on %s",
                    RUN_SECONDS, value, pod.getMetadata().getName());
            return OptionalLong.empty();
        }
    }

    private void later(String key, long millis) {
        if (!worker.isShutdown()) {
            worker.schedule(() -> enqueue(key), Math.max(1, millis), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    /**
     * Writes through the pods' status subresource, and only when something a reader would see changed.
     *
     * @return whether it wrote
     */
    private boolean writeStatus(Pod pod, PodStatus status) {
        if (PodStatuses.sameState(PodStatuses.current(pod), status)) {
            return false;
        }
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), jsonPatch("/status", status));
        return true;
    }

    /** A JSON Patch that sets the field at that path to the value (the whole of it: {@code add} replaces). */
    private static String jsonPatch(String path, Object value) {
        com.fasterxml.jackson.databind.node.ArrayNode ops = Json.MAPPER.createArrayNode();
        ops.addObject().put("op", "add").put("path", path).set("value", Json.MAPPER.valueToTree(value));
        return Json.canonical(ops);
    }

    /** Pod IPs from 10.244.<node index>.0/24, one block per node, as a CNI would hand them out. */
    static final class PodAddresses {
        private final Map<String, Integer> blocks = new ConcurrentHashMap<>();
        private final Map<String, Integer> used = new ConcurrentHashMap<>();

        synchronized String next(String node) {
            int block = blocks.computeIfAbsent(node, n -> blocks.size() + 1);
            int host = used.merge(node, 1, Integer::sum) % 254 + 1;
            return "10.244." + Objects.requireNonNull(block) % 256 + "." + host;
        }
    }
}
