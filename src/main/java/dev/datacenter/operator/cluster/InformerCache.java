package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the seven informers: starts them, indexes them, fans their events out to the
 * {@link ClusterChangeListener}s, and says when they are synced. Pods: every pod (the allocator needs
 * every pod's requests); PVCs and ControllerRevisions: only the operator's (equality label selector).
 */
@ApplicationScoped
public class InformerCache {
    private static final Logger LOG = Logger.getLogger(InformerCache.class);

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "datacenter.informers.resync-period")
    Duration resyncPeriod;

    private final List<ClusterChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> all = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private volatile boolean stopping;

    private volatile SharedIndexInformer<DataCenterApp> apps;
    private volatile SharedIndexInformer<ResourcePool> pools;
    private volatile SharedIndexInformer<PersistentVolumeClaimSet> claimSets;
    private volatile SharedIndexInformer<Node> nodes;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<PersistentVolumeClaim> claims;
    private volatile SharedIndexInformer<ControllerRevision> revisions;

    // for ClusterCache: methods, not fields, as this bean is reached through a client proxy

    SharedIndexInformer<DataCenterApp> apps() {
        return apps;
    }

    SharedIndexInformer<ResourcePool> pools() {
        return pools;
    }

    SharedIndexInformer<PersistentVolumeClaimSet> claimSets() {
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
        apps = register(
                client.resources(DataCenterApp.class).inAnyNamespace().runnableInformer(resync),
                ClusterChangeListener::appChanged);
        apps.addIndexers(CacheIndexes.appIndexes());
        pools = register(
                client.resources(ResourcePool.class).runnableInformer(resync), ClusterChangeListener::poolChanged);
        claimSets = register(
                client.resources(PersistentVolumeClaimSet.class)
                        .inAnyNamespace()
                        .runnableInformer(resync),
                ClusterChangeListener::claimSetChanged);
        nodes = register(client.nodes().runnableInformer(resync), ClusterChangeListener::nodeChanged);
        pods = register(client.pods().inAnyNamespace().runnableInformer(resync), ClusterChangeListener::podChanged);
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

    /** False when an informer stopped without being asked to: the process should be restarted. */
    public boolean healthy() {
        return stopping || all.stream().allMatch(SharedIndexInformer::isRunning);
    }

    private void completeSync(Throwable failure) {
        if (failure == null) {
            LOG.info("informers synced");
            synced.complete(null);
        } else {
            LOG.errorf(failure, "an informer failed to start; the operator stays not ready");
        }
    }

    private <T extends HasMetadata> SharedIndexInformer<T> register(
            SharedIndexInformer<T> informer, BiConsumer<ClusterChangeListener, T> event) {
        informer.exceptionHandler((started, failure) -> {
            LOG.warnf("%s informer: %s; retrying", informer.getApiTypeClass().getSimpleName(), failure.toString());
            return true;
        });
        informer.addEventHandler(new FanOut<>(event));
        all.add(informer);
        return informer;
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

        private void tell(T object) {
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
