package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;

/**
 * Told of every add, update and delete seen by the informers, with the newest object (for a delete, the
 * last known one). Called on the informer's thread: keep it short, never block, never modify the object.
 */
public interface ClusterChangeListener {
    default void appChanged(DataCenterApp app) {}

    default void poolChanged(ResourcePool pool) {}

    default void claimSetChanged(PersistentVolumeClaimSet set) {}

    default void nodeChanged(Node node) {}

    /** Every pod in the cluster, ours or not. */
    default void podChanged(Pod pod) {}

    /** Only PVCs the operator manages. */
    default void claimChanged(PersistentVolumeClaim claim) {}

    /** Only ControllerRevisions the operator manages. */
    default void revisionChanged(ControllerRevision revision) {}
}
