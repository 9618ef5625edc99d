package dev.datacenter.operator.allocation;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.app.AppEvents;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterChangeListener;
import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.ObjectKey;
import dev.datacenter.operator.cluster.PodEvictions;
import dev.datacenter.operator.inventory.EngineFeed;
import dev.datacenter.operator.inventory.FrameworkFeed;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.model.InstanceIdentity;
import dev.datacenter.operator.model.InstanceKey;
import dev.datacenter.operator.model.InstancePodBuilder;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.Preemption;
import dev.datacenter.operator.placement.WaitingExplanation;
import dev.datacenter.operator.pool.PoolFiguresWatch;
import dev.datacenter.operator.runtime.LeadershipChanged;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The allocation loop: owns the one {@link PlacementEngine} on one thread, while this process leads.
 *
 * <p>Informer callbacks only note what changed (node names, pod keys, pool names) and wake the loop;
 * the lifecycle reconciler hands each app's {@link AppPlacement} through {@link #request} or
 * {@link #forget}. The loop thread drains those into the engine, runs a cycle ({@code
 * datacenter.allocation.period}, and {@code datacenter.allocation.debounce} after a change), and turns
 * each decision into a pod created on the {@link InstancePodWriter}'s threads: success commits the
 * decision, failure rolls it back (on the loop thread) so the instance is offered again next cycle.
 *
 * <p>Read-only snapshots for the reconciler and the web API: the newest {@link CycleResult}, each
 * waiting app's {@link PendingSummary}, and the instance ordinals placed whose pods the informer has
 * not delivered yet ({@link #inFlight}).
 */
@ApplicationScoped
public class AllocationLoop implements ClusterChangeListener {
    private static final Logger LOG = Logger.getLogger(AllocationLoop.class);

    @Inject
    InformerCache informers;

    @Inject
    ClusterCache cache;

    @Inject
    ReconcileQueue queue;

    @Inject
    InstancePodWriter writer;

    @Inject
    AppEvents events;

    @Inject
    AllocationMetrics metrics;

    @Inject
    PoolFiguresWatch poolFigures;

    @Inject
    PodEvictions evictions;

    @ConfigProperty(name = "datacenter.preemption.nomination-timeout", defaultValue = "2m")
    Duration nominationTimeout;

    @ConfigProperty(name = "datacenter.preemption.refusal-backoff", defaultValue = "30s")
    Duration refusalBackoff;

    @Inject
    FrameworkScheduler frameworks;

    @ConfigProperty(name = "datacenter.allocation.period", defaultValue = "1s")
    Duration period;

    @ConfigProperty(name = "datacenter.allocation.debounce", defaultValue = "50ms")
    Duration debounce;

    private final InstancePodBuilder podBuilder = new InstancePodBuilder();

    // noted by any thread, drained by the loop
    private final Set<String> dirtyNodes = ConcurrentHashMap.newKeySet();
    private final Set<ObjectKey> dirtyPods = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyPools = ConcurrentHashMap.newKeySet();
    private final Map<String, Optional<AppPlacement>> requests = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> outcomes = new ConcurrentLinkedQueue<>();
    private final EngineQueries queries = new EngineQueries();
    private final Object wake = new Object();
    private boolean woken;

    // published snapshots
    private volatile CycleResult lastCycle;
    private final Map<String, PendingSummary> pending = new ConcurrentHashMap<>();
    private final InFlightPlacements inFlight = new InFlightPlacements();
    private final Map<String, AppPlacement> lastRequest = new ConcurrentHashMap<>();
    /** The ends of instance tasks the loop has drained, until requests made knowing of them arrive. */
    private final TaskEndLedger taskEnds = new TaskEndLedger();

    private volatile Thread thread;
    private volatile boolean running;

    void register(@Observes @Priority(50) StartupEvent event) {
        informers.addListener(this);
    }

    void onLeadership(@Observes LeadershipChanged change) {
        if (change.leading()) {
            start();
        } else {
            stop();
        }
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "datacenter-allocation-loop");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        t.interrupt();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        queries.failAll("the allocation loop stopped (this replica no longer leads)");
        inFlight.clear();
        pending.clear();
        frameworks.clear();
    }

    // ------------------------------------------------------------------ informer side: note and wake

    @Override
    public void nodeChanged(Node node) {
        dirtyNodes.add(node.getMetadata().getName());
        wake();
    }

    @Override
    public void podChanged(Pod pod) {
        dirtyPods.add(ObjectKey.of(pod));
        wake();
    }

    @Override
    public void poolChanged(ResourcePool pool) {
        dirtyPools.add(pool.getMetadata().getName());
        wake();
    }

    // ------------------------------------------------------------------ reconciler side

    /** Hands the app's newest placement request to the loop (thread-safe; an unchanged request costs nothing). */
    public void request(AppPlacement placement) {
        AppPlacement before = lastRequest.put(placement.appKey(), placement);
        if (!placement.sameAs(before)) {
            requests.put(placement.appKey(), Optional.of(placement));
            wake();
        }
    }

    /** The app is gone or must not be placed (a problem in its spec): the engine forgets it. */
    public void forget(String appKey) {
        if (lastRequest.remove(appKey) != null || pending.containsKey(appKey)) {
            requests.put(appKey, Optional.empty());
            wake();
        }
    }

    /**
     * How many instance tasks the loop has seen end so far. The reconciler reads it before it looks at the app's
     * pods and hands it back with its request ({@link AppPlacement#seen}): an ordinal whose task the loop saw end
     * after that is left out of the request, and the reconciler asked again.
     */
    public long taskEnds() {
        return taskEnds.newest();
    }

    /** The newest cycle, or null before the first. */
    public CycleResult lastCycle() {
        return lastCycle;
    }

    /** Why the app's instances wait, as of the newest cycle; empty when none waits. */
    public Optional<PendingSummary> pendingSummary(String appKey) {
        return Optional.ofNullable(pending.get(appKey));
    }

    /** Ordinals of the app placed (pod being written or written) whose pods the informer has not shown yet. */
    public Set<Integer> inFlight(String appKey) {
        return inFlight.ordinals(appKey);
    }

    /**
     * Why the app waits, in full ({@link PlacementEngine#explainWaiting}), computed on the loop's thread between
     * two cycles (the engine is single-threaded); empty when the engine does not know the app. Fails at once
     * when the loop does not run; the caller bounds the wait.
     */
    public CompletableFuture<Optional<WaitingExplanation>> explain(String appKey) {
        if (thread == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no allocation loop runs on this replica (it does not lead)"));
        }
        CompletableFuture<Optional<WaitingExplanation>> answer = queries.ask(e -> e.explainWaiting(appKey));
        wake();
        return answer;
    }

    /** Whether the loop runs (this process leads). */
    public boolean running() {
        return thread != null;
    }

    private void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    // ------------------------------------------------------------------ the loop thread

    private void run() {
        PlacementEngine engine = newEngine();
        FrameworkFeed frameworkFeed = new FrameworkFeed(engine, frameworks.schedulerName());
        EngineFeed feed = new EngineFeed(engine, cache, frameworkFeed);
        Map<String, AppPlacement> applied = new HashMap<>();
        boolean synced = false;
        List<CycleResult.PendingApp> publishedFrom = null;
        requests.putAll(asRequests(lastRequest));
        while (running) {
            try {
                waitForWork();
                if (!synced) {
                    if (!informers.synced().isDone()) {
                        continue;
                    }
                    dirtyNodes.clear();
                    dirtyPods.clear();
                    dirtyPools.clear();
                    feed.fullSync();
                    synced = true;
                }
                drain(engine, feed, applied);
                java.time.Instant started = java.time.Instant.now();
                engine.setTime(started.toEpochMilli());
                CycleResult result = engine.allocate();
                lastCycle = result;
                metrics.cycle(result, started);
                poolFigures.publish(result.pools());
                for (OfferDecision d : result.decisions()) {
                    if (frameworkFeed.owns(d.appKey())) {
                        frameworks.bind(engine, frameworkFeed, d, outcome -> {
                            outcomes.add(outcome);
                            wake();
                        });
                    } else {
                        write(engine, applied.get(d.appKey()), d);
                    }
                }
                for (Preemption p : result.preemptions()) {
                    preempt(engine, feed, frameworkFeed, applied, p);
                }
                if (!result.unchanged() || result.pendingApps() != publishedFrom) {
                    publishedFrom = result.pendingApps();
                    publishPending(engine, result, applied, frameworkFeed);
                    frameworks.publish(engine, frameworkFeed, result);
                }
                queries.answer(engine);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "allocation cycle failed; the next cycle starts over from the caches");
                engine = newEngine();
                frameworkFeed = new FrameworkFeed(engine, frameworks.schedulerName());
                feed = new EngineFeed(engine, cache, frameworkFeed);
                applied.clear();
                requests.putAll(asRequests(lastRequest));
                synced = false;
            }
        }
    }

    private PlacementEngine newEngine() {
        PlacementEngine engine = new PlacementEngine();
        engine.setPreemptionTimeouts(nominationTimeout.toMillis(), refusalBackoff.toMillis());
        return engine;
    }

    /**
     * Evicts the victims of a preemption through the Eviction API (PodDisruptionBudgets honoured). A refused
     * or failed eviction tells the engine, which spares that victim for a while and chooses again next cycle.
     * Each evicted victim is told for whom ({@code Preempted}), and so is the preemptor ({@code Preempting}):
     * on its app, or on the pod itself when the preemptor is a framework pod, which the messages then name.
     */
    private void preempt(
            PlacementEngine engine,
            EngineFeed feed,
            FrameworkFeed frameworkFeed,
            Map<String, AppPlacement> applied,
            Preemption p) {
        AppPlacement preemptor = applied.get(p.appKey());
        Optional<Pod> preemptorPod = frameworkFeed.owns(p.appKey())
                ? frameworks
                        .podOf(frameworkFeed, p.appKey(), p.instance())
                        .flatMap(k -> cache.pod(k.namespace(), k.name()))
                : Optional.empty();
        String forWhom = preemptorPod
                .map(pod -> "pod " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName())
                .orElse(p.appKey() + " instance " + p.instance());
        for (Preemption.Victim v : p.victims()) {
            // a victim is an instance of a DataCenterApp or a framework pod the operator bound
            boolean frameworkPod = frameworkFeed.owns(v.appKey());
            Optional<ObjectKey> podKey =
                    frameworkPod ? frameworks.podOf(frameworkFeed, v.appKey(), v.instance()) : feed.podOf(v.taskId());
            if (podKey.isEmpty()) {
                engine.evictionRefused(v.taskId());
                continue;
            }
            String namespace = podKey.get().namespace();
            String podName = podKey.get().name();
            Optional<Pod> frameworkVictim = frameworkPod ? cache.pod(namespace, podName) : Optional.empty();
            evictions.evict(namespace, podName).whenComplete((outcome, failure) -> {
                boolean done = failure == null
                        && (outcome == PodEvictions.Outcome.EVICTED || outcome == PodEvictions.Outcome.GONE);
                if (!done) {
                    LOG.infof(
                            "eviction of pod %s (pool %s) for %s of pool %s not done: %s",
                            podKey.get(), v.pool(), p.appKey(), p.pool(), failure != null ? failure : outcome);
                    outcomes.add(() -> engine.evictionRefused(v.taskId()));
                    wake();
                    return;
                }
                metrics.preempted(p.pool(), v.pool());
                String evicted =
                        "evicted from node " + p.node() + " so that pool " + p.pool() + " can place " + forWhom;
                frameworkVictim.ifPresent(pod -> frameworks.preempted(pod, evicted));
                String instance = "instance " + v.instance() + " (pod " + podName + ")";
                victimApp(v.appKey())
                        .ifPresent(app -> events.record(app, AppEvents.WARNING, "Preempted", instance + " " + evicted));
                preemptorPod.ifPresent(pod -> frameworks.preempting(
                        pod,
                        "takes node " + p.node() + ": evicted "
                                + (frameworkPod ? "pod " + namespace + "/" + podName : v.appKey() + " " + instance)
                                + " of pool " + v.pool()));
                if (preemptor != null) {
                    events.record(
                            preemptor.app(),
                            AppEvents.NORMAL,
                            "Preempting",
                            "instance " + p.instance() + " takes node " + p.node() + ": evicted " + v.appKey() + " "
                                    + instance + " of pool " + v.pool());
                }
            });
        }
    }

    private Optional<DataCenterApp> victimApp(String appKey) {
        int slash = appKey.indexOf('/');
        return slash < 0 ? Optional.empty() : cache.app(appKey.substring(0, slash), appKey.substring(slash + 1));
    }

    private static Map<String, Optional<AppPlacement>> asRequests(Map<String, AppPlacement> last) {
        Map<String, Optional<AppPlacement>> out = new HashMap<>();
        last.forEach((k, v) -> out.put(k, Optional.of(v)));
        return out;
    }

    private void waitForWork() throws InterruptedException {
        boolean change;
        synchronized (wake) {
            if (!woken) {
                wake.wait(Math.max(1, period.toMillis()));
            }
            change = woken;
        }
        if (change) {
            Thread.sleep(debounce.toMillis()); // let a burst of changes arrive, then take them together
            synchronized (wake) {
                woken = false;
            }
        }
    }

    private void drain(PlacementEngine engine, EngineFeed feed, Map<String, AppPlacement> applied) {
        for (Runnable outcome; (outcome = outcomes.poll()) != null; ) {
            outcome.run();
        }
        takeAll(dirtyNodes).forEach(feed::node);
        takeAll(dirtyPools).forEach(feed::pool);
        for (ObjectKey podKey : takeAll(dirtyPods)) {
            String placedTask = inFlight.seen(podKey);
            String removed = feed.pod(podKey, placedTask);
            if (removed != null) {
                stopOffering(engine, applied, removed);
            }
        }
        for (String appKey : new TreeSet<>(requests.keySet())) {
            Optional<AppPlacement> r = requests.remove(appKey);
            if (r == null) {
                continue;
            }
            if (r.isEmpty()) {
                engine.removeApp(appKey);
                applied.remove(appKey);
                taskEnds.forget(appKey);
                metrics.forget(appKey);
                if (pending.remove(appKey) != null) {
                    enqueue(appKey);
                }
                continue;
            }
            AppPlacement placement = withoutEndedSince(r.get());
            engine.upsertApp(placement.spec());
            engine.setPending(appKey, placement.pending());
            LOG.debugf("%s: pending %s, waiting %s", appKey, placement.pending(), engine.waiting(appKey));
            applied.put(appKey, placement);
            metrics.pending(appKey, placement.pending());
        }
    }

    /**
     * The request without the ordinals whose task the loop saw end after the reconciler looked at the app's pods:
     * such a request may ask for an ordinal it saw without a pod before that pod was even placed (a slow
     * reconcile), and offering the ordinal now would skip what the reconciler decides about the task's end: its
     * backoff, or the bar on a node that refused the pod (the instance went straight back to that node). The
     * reconciler is asked again; its next request, made knowing of the end, is applied whole.
     */
    private AppPlacement withoutEndedSince(AppPlacement request) {
        String appKey = request.appKey();
        Set<Integer> stale = taskEnds.unknownTo(appKey, request.pending(), request.seen());
        if (stale.isEmpty()) {
            return request;
        }
        Set<Integer> left = new TreeSet<>(request.pending());
        left.removeAll(stale);
        LOG.debugf("%s: ordinals %s left out of a request made before their task ended; asking again", appKey, stale);
        lastRequest.remove(appKey); // the next request is applied even when it equals this one
        enqueue(appKey);
        return request.withPending(left);
    }

    /** An instance's task went away: the reconciler decides whether and when it is placed again (backoff). */
    private void stopOffering(PlacementEngine engine, Map<String, AppPlacement> applied, String taskId) {
        Optional<InstanceKey> instance = InstanceKey.ofTask(taskId);
        if (instance.isEmpty()) {
            return;
        }
        String appKey = instance.get().app().engineKey();
        int ordinal = instance.get().ordinal();
        taskEnds.ended(appKey, ordinal);
        AppPlacement p = applied.get(appKey);
        if (p == null) {
            return;
        }
        if (p.pending().contains(ordinal)) {
            Set<Integer> left = new HashSet<>(p.pending());
            left.remove(ordinal);
            AppPlacement narrowed = p.withPending(left);
            engine.setPending(appKey, narrowed.pending());
            applied.put(appKey, narrowed);
            lastRequest.remove(appKey); // the reconciler's next request is applied even when it equals the last one
            // and there is a next one: a request that asked for the ordinal again after the task went (a refused pod
            // released) may have come before the task's end was drained, and nothing else may change for the app
            enqueue(appKey);
        }
    }

    /** Takes the noted names out one by one, so a name noted again meanwhile is kept for the next drain. */
    private static <T> List<T> takeAll(Set<T> set) {
        List<T> out = new java.util.ArrayList<>();
        for (java.util.Iterator<T> it = set.iterator(); it.hasNext(); ) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    private void write(PlacementEngine engine, AppPlacement placement, OfferDecision d) {
        if (placement == null) {
            engine.rollback(d);
            return;
        }
        Pod pod;
        try {
            DataCenterApp app = placement.app();
            InstanceIdentity id =
                    InstanceIdentity.of(app.getMetadata().getName(), d.instance(), placement.revision(), d.pool());
            pod = podBuilder.build(app, id, d.node(), d.hostPorts(), placement.templateHash(), placement.claimNames());
        } catch (RuntimeException e) {
            LOG.warnf("cannot build the pod of %s instance %d: %s", d.appKey(), d.instance(), e.getMessage());
            engine.rollback(d);
            return;
        }
        String podName = pod.getMetadata().getName();
        LOG.debugf("%s: instance %d on %s as pod %s", d.appKey(), d.instance(), d.node(), podName);
        inFlight.placed(d.appKey(), d.instance(), podName);
        writer.create(pod).whenComplete((created, failure) -> {
            outcomes.add(() -> {
                if (failure == null) {
                    engine.commit(d);
                } else {
                    LOG.infof(
                            "pod %s of %s on %s refused: %s; offering the instance again",
                            podName, d.appKey(), d.node(), failure.getMessage());
                    engine.rollback(d);
                    inFlight.refused(d.appKey(), d.instance(), podName);
                }
            });
            if (failure == null) {
                metrics.placed(d);
                events.record(
                        placement.app(),
                        AppEvents.NORMAL,
                        "Placed",
                        "instance " + d.instance() + " placed on node " + d.node() + " (pod " + podName + ")");
            }
            if (failure == null) {
                enqueueBatched(d.appKey()); // the pod's informer event follows: one reconcile takes both
            } else {
                enqueue(d.appKey());
            }
            wake();
        });
    }

    private void publishPending(
            PlacementEngine engine,
            CycleResult result,
            Map<String, AppPlacement> applied,
            FrameworkFeed frameworkFeed) {
        Set<String> waiting = new HashSet<>();
        for (CycleResult.PendingApp p : result.pendingApps()) {
            if (frameworkFeed.owns(p.appKey())) {
                continue; // framework pods are told on the pods themselves (FrameworkScheduler)
            }
            waiting.add(p.appKey());
            Optional<PendingSummary> summary = engine.whyPending(p.appKey());
            if (summary.isPresent() && !summary.get().equals(pending.put(p.appKey(), summary.get()))) {
                enqueue(p.appKey());
                AppPlacement placement = applied.get(p.appKey());
                if (placement != null && !summary.get().reasons().isEmpty()) {
                    events.record(placement.app(), AppEvents.WARNING, "Unplaceable", describe(summary.get()));
                }
            }
        }
        for (String appKey : Set.copyOf(pending.keySet())) {
            if (!waiting.contains(appKey) && pending.remove(appKey) != null) {
                enqueue(appKey);
            }
        }
    }

    static String describe(PendingSummary summary) {
        StringBuilder sb = new StringBuilder()
                .append(summary.pending())
                .append(" instance(s) waiting for offers in pool ")
                .append(summary.pool());
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

    private void enqueueBatched(String appKey) {
        AppKey app = AppKey.parse(appKey);
        queue.enqueueBatched(ResourceKey.app(app.namespace(), app.name()));
    }

    private void enqueue(String appKey) {
        AppKey app = AppKey.parse(appKey);
        queue.enqueue(ResourceKey.app(app.namespace(), app.name()));
    }
}
