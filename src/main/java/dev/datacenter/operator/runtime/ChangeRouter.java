package dev.datacenter.operator.runtime;

import dev.datacenter.operator.allocation.CapacityChangeListener;
import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterChangeListener;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps every change the informers see to the work-queue keys it concerns: an app to itself and the
 * apps that depend on it, directly or not; an object of ours to its owner app; a pool to itself and its
 * apps; a claim set to itself and the apps using it; a node to every pool. Node and pod changes also
 * go to the {@link CapacityChangeListener}s.
 */
@ApplicationScoped
public class ChangeRouter implements ClusterChangeListener {

    @Inject
    ClusterCache cache;

    @Inject
    ReconcileQueue queue;

    @Inject
    Instance<CapacityChangeListener> capacityListeners;

    @Override
    public void appChanged(DataCenterApp app) {
        queue.enqueue(ResourceKey.of(ResourceKind.DATA_CENTER_APP, app));
        dependentsOf(app).forEach(queue::enqueue);
    }

    @Override
    public void poolChanged(ResourcePool pool) {
        queue.enqueue(ResourceKey.of(ResourceKind.RESOURCE_POOL, pool));
        cache.appsInPool(pool.getMetadata().getName()).forEach(this::enqueueApp);
    }

    @Override
    public void claimSetChanged(PersistentVolumeClaimSet set) {
        queue.enqueue(ResourceKey.of(ResourceKind.PERSISTENT_VOLUME_CLAIM_SET, set));
        cache.appsUsingClaimSet(
                        set.getMetadata().getNamespace(), set.getMetadata().getName())
                .forEach(this::enqueueApp);
    }

    @Override
    public void nodeChanged(Node node) {
        cache.pools().forEach(pool -> queue.enqueue(ResourceKey.of(ResourceKind.RESOURCE_POOL, pool)));
        capacityListeners.forEach(CapacityChangeListener::capacityChanged);
    }

    @Override
    public void podChanged(Pod pod) {
        String app = ownerApp(pod);
        if (app != null) {
            queue.enqueueBatched(ResourceKey.app(pod.getMetadata().getNamespace(), app));
        }
        capacityListeners.forEach(CapacityChangeListener::capacityChanged);
    }

    @Override
    public void claimChanged(PersistentVolumeClaim claim) {
        enqueueOwnerApp(claim);
        String set = labels(claim).get(ApiGroup.LABEL_CLAIM_SET);
        if (set != null) {
            queue.enqueue(ResourceKey.claimSet(claim.getMetadata().getNamespace(), set));
        }
    }

    @Override
    public void revisionChanged(ControllerRevision revision) {
        enqueueOwnerApp(revision);
    }

    private void enqueueApp(DataCenterApp app) {
        queue.enqueue(ResourceKey.of(ResourceKind.DATA_CENTER_APP, app));
    }

    private void enqueueOwnerApp(HasMetadata object) {
        String app = ownerApp(object);
        if (app != null) {
            queue.enqueue(ResourceKey.app(object.getMetadata().getNamespace(), app));
        }
    }

    /** The name of the app an object of ours belongs to, or null. */
    private String ownerApp(HasMetadata object) {
        Map<String, String> labels = labels(object);
        String app = labels.get(ApiGroup.LABEL_APP);
        if (app != null && ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY))) {
            return cache.appNameOfLabel(object.getMetadata().getNamespace(), app);
        }
        return null;
    }

    /** Apps that depend on this one directly or through others: their readiness and cycles may change with it. */
    private Set<ResourceKey> dependentsOf(DataCenterApp app) {
        String namespace = app.getMetadata().getNamespace();
        Set<ResourceKey> found = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(app.getMetadata().getName());
        while (!next.isEmpty()) {
            for (DataCenterApp dependent : cache.dependentsOf(namespace, next.poll())) {
                if (found.add(ResourceKey.of(ResourceKind.DATA_CENTER_APP, dependent))) {
                    next.add(dependent.getMetadata().getName());
                }
            }
        }
        return found;
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
