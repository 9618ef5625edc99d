package dev.datacenter.operator.allocation;

import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ObjectKey;
import dev.datacenter.operator.cluster.PodScheduling;
import dev.datacenter.operator.inventory.FrameworkFeed;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator as a second scheduler: binds the framework pods the engine placed (assume, then write the
 * {@code Binding}; a refused bind rolls the assumption back so the pod is offered again), and tells each
 * framework pod that waits why, as kube-scheduler does: {@code PodScheduled=False, reason Unschedulable}
 * with a message naming the decline reasons (written only when it changed), and a {@code FailedScheduling}
 * event at most once per {@code datacenter.events.min-interval} per pod.
 */
@ApplicationScoped
public class FrameworkScheduler {
    private static final Logger LOG = Logger.getLogger(FrameworkScheduler.class);
    /** At most this many FailedScheduling events per cycle, over all pods. */
    private static final int MAX_EVENTS_PER_CYCLE = 50;

    @Inject
    ClusterCache cache;

    @Inject
    PodScheduling scheduling;

    @Inject
    InstancePodWriter writer;

    @Inject
    AllocationMetrics metrics;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** Gauge {@code datacenter_framework_pods{pool,state}}: framework pods bound (running) and waiting, per pool. */
    public static final String FRAMEWORK_PODS = "datacenter.framework.pods";

    private final Map<String, int[]> podsByPool = new ConcurrentHashMap<>();

    @ConfigProperty(name = "datacenter.scheduler.name", defaultValue = "datacenter")
    String schedulerName;

    @ConfigProperty(name = "datacenter.events.min-interval", defaultValue = "30s")
    Duration eventInterval;

    private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();
    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();
    private volatile List<FrameworkView> frameworks = List.of();

    /** The name pods give in {@code spec.schedulerName} to be placed by the operator. */
    public String schedulerName() {
        return schedulerName;
    }

    /** The frameworks per pool as of the newest cycle (the DC/OS "Services" view). */
    public List<FrameworkView> frameworks() {
        return frameworks;
    }

    /**
     * Writes the binding of a placed framework pod on a writer thread; {@code onLoop} runs the outcome on the
     * loop thread: commit, or rollback when the API refused the binding (the pod waits and is offered again).
     */
    void bind(PlacementEngine engine, FrameworkFeed feed, OfferDecision d, Consumer<Runnable> onLoop) {
        Optional<String> podKey = feed.podOf(d.appKey(), d.instance());
        if (podKey.isEmpty()) {
            engine.rollback(d);
            return;
        }
        int slash = podKey.get().indexOf('/');
        String namespace = podKey.get().substring(0, slash);
        String name = podKey.get().substring(slash + 1);
        writer.run(() -> {
                    scheduling.bind(namespace, name, d.node());
                    return true;
                })
                .whenComplete((ok, failure) -> {
                    onLoop.accept(() -> {
                        if (failure == null) {
                            engine.commit(d);
                        } else {
                            LOG.infof(
                                    "binding pod %s to %s refused: %s; offering it again",
                                    podKey.get(), d.node(), rootMessage(failure));
                            engine.rollback(d);
                        }
                    });
                    if (failure == null) {
                        metrics.placed(d);
                        lastMessage.remove(podKey.get());
                        cache.pod(namespace, name)
                                .ifPresent(p -> writeQuietly(() -> scheduling.scheduled(p, d.node())));
                    }
                });
    }

    /** The pod behind instance {@code ordinal} of a framework app, if the feed knows it. */
    Optional<ObjectKey> podOf(FrameworkFeed feed, String appKey, int ordinal) {
        return feed.podOf(appKey, ordinal).map(key -> {
            int slash = key.indexOf('/');
            return new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
        });
    }

    /** A framework pod evicted by preemption: a Warning {@code Preempted} event on it, as kube-scheduler writes. */
    void preempted(Pod evicted, String message) {
        event(evicted, "Preempted", () -> scheduling.preempted(evicted, message));
    }

    /**
     * A waiting framework pod for which a victim was evicted: a Normal {@code Preempting} event on it naming the
     * victim, as a DataCenterApp preemptor gets on its app.
     */
    void preempting(Pod preemptor, String message) {
        event(preemptor, "Preempting", () -> scheduling.preempting(preemptor, message));
    }

    /** Writes an event on a writer thread; one not written is only logged. */
    private void event(Pod pod, String reason, Runnable write) {
        writer.run(() -> {
                    write.run();
                    return true;
                })
                .whenComplete((ok, failure) -> {
                    if (failure != null)
                        LOG.debugf(
                                "%s event of pod %s not written: %s",
                                reason, pod.getMetadata().getName(), rootMessage(failure));
                });
    }

    /** After a cycle: every framework pod still waiting is told why; the frameworks view is refreshed. */
    void publish(PlacementEngine engine, FrameworkFeed feed, CycleResult result) {
        int events = 0;
        Set<String> waitingApps = new java.util.HashSet<>();
        for (CycleResult.PendingApp p : result.pendingApps()) {
            if (!feed.owns(p.appKey())) continue;
            waitingApps.add(p.appKey());
            Optional<PendingSummary> summary = engine.whyPending(p.appKey());
            if (summary.isEmpty()) continue;
            Set<Integer> waiting = engine.waiting(p.appKey());
            for (Map.Entry<Integer, String> pod : feed.unbound(p.appKey()).entrySet()) {
                if (!waiting.contains(pod.getKey())) continue;
                if (tell(pod.getValue(), describe(summary.get()), events < MAX_EVENTS_PER_CYCLE)) events++;
            }
        }
        for (Map.Entry<String, String> problem : feed.problems().entrySet()) {
            if (tell(
                    problem.getKey(), "the pod cannot be placed: " + problem.getValue(), events < MAX_EVENTS_PER_CYCLE))
                events++;
        }
        frameworks = views(engine, feed);
        forgetGonePods();
        Map<String, int[]> counts = new HashMap<>();
        for (FrameworkView f : frameworks) {
            int[] c = counts.computeIfAbsent(f.pool(), k -> new int[2]);
            c[0] += f.running();
            c[1] += f.waiting();
        }
        for (String pool : podsByPool.keySet()) counts.putIfAbsent(pool, new int[2]);
        counts.forEach((pool, c) -> {
            int[] gauge = podsByPool.computeIfAbsent(pool, this::registerGauges);
            gauge[0] = c[0];
            gauge[1] = c[1];
        });
    }

    /** Pods that are gone or bound need no memory of what they were told. */
    private void forgetGonePods() {
        for (String podKey : Set.copyOf(lastEvent.keySet())) {
            if (stillWaiting(podKey)) continue;
            lastEvent.remove(podKey);
            lastMessage.remove(podKey);
        }
        lastMessage.keySet().removeIf(podKey -> !lastEvent.containsKey(podKey) && !stillWaiting(podKey));
    }

    private boolean stillWaiting(String podKey) {
        int slash = podKey.indexOf('/');
        return cache.pod(podKey.substring(0, slash), podKey.substring(slash + 1))
                .map(p -> p.getSpec().getNodeName() == null)
                .orElse(false);
    }

    private int[] registerGauges(String pool) {
        int[] values = new int[2];
        io.micrometer.core.instrument.Gauge.builder(FRAMEWORK_PODS, values, v -> v[0])
                .description("Pods placed by the operator as a second scheduler, by pool and state")
                .tags("pool", pool, "state", "running")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder(FRAMEWORK_PODS, values, v -> v[1])
                .description("Pods placed by the operator as a second scheduler, by pool and state")
                .tags("pool", pool, "state", "waiting")
                .register(registry);
        return values;
    }

    /** Writes the condition when it changed; returns whether an event was written. */
    private boolean tell(String podKey, String message, boolean eventAllowed) {
        int slash = podKey.indexOf('/');
        Optional<Pod> pod = cache.pod(podKey.substring(0, slash), podKey.substring(slash + 1));
        if (pod.isEmpty() || pod.get().getSpec().getNodeName() != null) return false;
        if (message.equals(lastMessage.get(podKey)) || PodScheduling.saysUnschedulable(pod.get(), message)) {
            lastMessage.put(podKey, message);
            return false;
        }
        lastMessage.put(podKey, message);
        Pod p = pod.get();
        long now = System.currentTimeMillis();
        Long last = lastEvent.get(podKey);
        boolean event = eventAllowed && (last == null || now - last >= eventInterval.toMillis());
        if (event) lastEvent.put(podKey, now);
        writer.run(() -> {
                    scheduling.markUnschedulable(p, message);
                    if (event) scheduling.failedScheduling(p, message);
                    return true;
                })
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        lastMessage.remove(podKey, message); // try again next time
                        LOG.debugf("pod %s: condition not written: %s", podKey, rootMessage(failure));
                    }
                });
        return event;
    }

    /** "waiting for offers in pool batch: InsufficientCpus on 8 nodes, ...; GangCannotFit: ...". */
    static String describe(PendingSummary summary) {
        StringBuilder sb =
                new StringBuilder().append("waiting for offers in pool ").append(summary.pool());
        String sep = ": ";
        for (PendingSummary.ReasonCount rc : summary.reasons()) {
            sb.append(sep)
                    .append(rc.reason())
                    .append(" on ")
                    .append(rc.nodes())
                    .append(rc.nodes() == 1 ? " node" : " nodes");
            sep = ", ";
        }
        summary.errors()
                .forEach(e -> sb.append("; ").append(e.reason()).append(": ").append(e.message()));
        return sb.toString();
    }

    private List<FrameworkView> views(PlacementEngine engine, FrameworkFeed feed) {
        Map<String, FrameworkView> byOwner = new HashMap<>();
        for (FrameworkFeed.AppFigures f : feed.figures()) {
            String key = f.namespace() + "/" + f.owner() + "@" + f.pool();
            Resources perPod = feed.resources(f.appKey());
            Resources used = Resources.ZERO;
            for (int i = 0; i < f.running(); i++) used = used.plus(perPod);
            FrameworkView before = byOwner.get(key);
            FrameworkView v = new FrameworkView(f.namespace(), f.owner(), f.pool(), f.running(), f.waiting(), used);
            byOwner.put(key, before == null ? v : before.plus(v));
        }
        List<FrameworkView> out = new ArrayList<>(byOwner.values());
        out.sort(java.util.Comparator.comparing(FrameworkView::pool)
                .thenComparing(FrameworkView::namespace)
                .thenComparing(FrameworkView::owner));
        return List.copyOf(out);
    }

    void clear() {
        frameworks = List.of();
        lastMessage.clear();
    }

    private void writeQuietly(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.debugf("scheduler event not written: %s", e.getMessage());
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    /**
     * One framework (a Job, a Spark application, a lone pod) in one pool: its pods bound (running) and
     * waiting, and the resources its bound pods hold.
     */
}
