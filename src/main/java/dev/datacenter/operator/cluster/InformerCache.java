package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the seven informers: starts them, indexes them, fans their events out to the
 * {@link ClusterChangeListener}s, and says when they are synced and which of them fail to list or watch.
 * Pods: every pod (the allocator needs every pod's requests); PVCs and ControllerRevisions: only the
 * operator's (equality label selector). Our three kinds are informed as generic objects and decoded one by
 * one ({@link DecodingHandler}): an object that does not decode is skipped and reported to
 * {@link UndecodableObjects}, and never stops its kind's informer.
 */
@ApplicationScoped
public class InformerCache {
    private static final Logger LOG = Logger.getLogger(InformerCache.class);

    @Inject
    KubernetesClient client;

    @Inject
    UndecodableObjects undecodable;

    @ConfigProperty(name = "datacenter.informers.resync-period")
    Duration resyncPeriod;

    /** Overridden by tests. */
    Clock clock = Clock.systemUTC();

    private final List<ClusterChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private volatile boolean stopping;

    private final Map<SharedIndexInformer<?>, Failure> failures = new ConcurrentHashMap<>();
    private final Map<SharedIndexInformer<?>, String> names = new ConcurrentHashMap<>();
    private volatile Instant startedAt;

    private volatile TypedStore<DataCenterApp> apps;
    private volatile TypedStore<ResourcePool> pools;
    private volatile TypedStore<PersistentVolumeClaimSet> claimSets;
    private volatile SharedIndexInformer<Node> nodes;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<PersistentVolumeClaim> claims;
    private volatile SharedIndexInformer<ControllerRevision> revisions;

    // for ClusterCache: methods, not fields, as this bean is reached through a client proxy

    TypedStore<DataCenterApp> apps() {
        return apps;
    }

    TypedStore<ResourcePool> pools() {
        return pools;
    }

    TypedStore<PersistentVolumeClaimSet> claimSets() {
        return claimSets;
    }

    SharedIndexInformer<Node> nodes() {
        return nodes;
    }

    SharedIndexInformer<Pod> pods() {
        return pods;
    }

    SharedIndexInformer<PersistentVolumeClaim> claims() {
        return claims;
    }

    SharedIndexInformer<ControllerRevision> revisions() {
        return revisions;
    }

    /** Registers a listener; listeners added before {@link #start()} see every object's initial add. */
    public void addListener(ClusterChangeListener listener) {
        listeners.add(listener);
    }

    public synchronized void start() {
        if (!all.isEmpty()) {
            return;
        }
        long resync = resyncPeriod.toMillis();
        startedAt = clock.instant();
        apps = decoded(DataCenterApp.class, true, CacheIndexes.appIndexes(), ClusterChangeListener::appChanged);
        pools = decoded(ResourcePool.class, false, Map.of(), ClusterChangeListener::poolChanged);
        claimSets = decoded(PersistentVolumeClaimSet.class, true, Map.of(), ClusterChangeListener::claimSetChanged);
        nodes = register(
                client.nodes().runnableInformer(resync).itemStore(new SlimItemStore<>(CachedFields::slim)),
                ClusterChangeListener::nodeChanged);
        pods = register(
                client.pods()
                        .inAnyNamespace()
                        .runnableInformer(resync)
                        .itemStore(new SlimItemStore<>(CachedFields::slim)),
                ClusterChangeListener::podChanged);
        pods.addIndexers(CacheIndexes.podIndexes());
        claims = register(
                client.persistentVolumeClaims()
                        .inAnyNamespace()
                        .withLabel(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY)
                        .runnableInformer(resync),
                ClusterChangeListener::claimChanged);
        claims.addIndexers(CacheIndexes.claimIndexes());
        revisions = register(
                client.apps()
                        .controllerRevisions()
                        .inAnyNamespace()
                        .withLabel(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY)
                        .runnableInformer(resync),
                ClusterChangeListener::revisionChanged);
        revisions.addIndexers(CacheIndexes.ownedIndexes());
        CompletableFuture.allOf(
                        all.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> completeSync(failure));
    }

    public synchronized void stop() {
        stopping = true;
        all.forEach(SharedIndexInformer::stop);
    }

    /** Completes once every informer has listed its objects; never completes if one cannot start. */
    public CompletableFuture<Void> synced() {
        return synced;
    }

    public boolean hasSynced() {
        return !all.isEmpty() && all.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** An informer that has not listed, or is not watching, since {@code since}; {@code error} is its last one. */
    public record InformerProblem(String informer, Instant since, String error) {}

    /**
     * The informers that have not synced or are not watching now, each with the time it has been so
     * (since the start, for one that never synced) and its last error.
     */
    public List<InformerProblem> problems() {
        Instant now = clock.instant();
        List<InformerProblem> out = new ArrayList<>();
        for (SharedIndexInformer<?> informer : all) {
            boolean ok = stopping || (informer.hasSynced() && informer.isWatching());
            if (ok) {
                failures.remove(informer);
                continue;
            }
            Failure failure =
                    failures.computeIfAbsent(informer, i -> new Failure(i.hasSynced() ? now : startedAt, null));
            out.add(new InformerProblem(names.get(informer), failure.since(), failure.error()));
        }
        return out;
    }

    private record Failure(Instant since, String error) {}

    private void completeSync(Throwable failure) {
        if (failure == null) {
            LOG.info("informers synced");
            synced.complete(null);
        } else {
            LOG.errorf(failure, "an informer failed to start; the operator stays not ready");
        }
    }

    private <T extends HasMetadata> TypedStore<T> decoded(
            Class<T> type,
            boolean namespaced,
            Map<String, Function<T, List<String>>> indexes,
            BiConsumer<ClusterChangeListener, T> event) {
        TypedStore<T> store = new TypedStore<>(indexes);
        var resources = client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(type));
        SharedIndexInformer<GenericKubernetesResource> informer = namespaced
                ? resources.inAnyNamespace().runnableInformer(resyncPeriod.toMillis())
                : resources.runnableInformer(resyncPeriod.toMillis());
        FanOut<T> fanOut = new FanOut<>(event);
        watchFailures(informer, HasMetadata.getKind(type));
        informer.addEventHandler(
                new DecodingHandler<>(type, store, client.getKubernetesSerialization(), undecodable, fanOut::tell));
        all.add(informer);
        return store;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> register(
            SharedIndexInformer<T> informer, BiConsumer<ClusterChangeListener, T> event) {
        watchFailures(informer, informer.getApiTypeClass().getSimpleName());
        informer.addEventHandler(new FanOut<>(event));
        all.add(informer);
        return informer;
    }

    /** Logs each list or watch failure, remembers when the informer began failing, and always retries. */
    private void watchFailures(SharedIndexInformer<?> informer, String name) {
        names.put(informer, name);
        informer.exceptionHandler((started, failure) -> {
            LOG.warnf("%s informer: %s; retrying", name, failure.toString());
            Instant now = clock.instant();
            failures.compute(
                    informer,
                    (i, before) -> new Failure(
                            before != null ? before.since() : (i.hasSynced() ? now : startedAt), failure.toString()));
            return true;
        });
    }

    /** Turns informer callbacks into listener calls; a failing listener is logged, never propagated. */
    private final class FanOut<T> implements ResourceEventHandler<T> {
        private final BiConsumer<ClusterChangeListener, T> event;

        FanOut(BiConsumer<ClusterChangeListener, T> event) {
            this.event = event;
        }

        @Override
        public void onAdd(T object) {
            tell(object);
        }

        @Override
        public void onUpdate(T before, T after) {
            tell(after);
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            tell(object);
        }

        void tell(T object) {
            for (ClusterChangeListener listener : listeners) {
                try {
                    event.accept(listener, object);
                } catch (RuntimeException e) {
                    LOG.errorf(
                            e, "change listener %s failed", listener.getClass().getSimpleName());
                }
            }
        }
    }
}
