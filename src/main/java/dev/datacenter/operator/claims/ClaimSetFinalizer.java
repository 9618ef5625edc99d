package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.RetentionAction;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterWrites;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps a set's claims when the set itself is deleted and its retention policy says Retain. The claims
 * carry an owner reference to their set, so the cluster's garbage collector would otherwise delete every
 * one of them with the set. A finalizer holds the set until the operator has taken its owner reference
 * off each claim; with {@code whenDeleted: Delete} the finalizer lets go at once and the collector
 * deletes the claims, as the policy says.
 */
@ApplicationScoped
public class ClaimSetFinalizer {
    public static final String FINALIZER = ApiGroup.GROUP + "/retain-claims";
    private static final Logger LOG = Logger.getLogger(ClaimSetFinalizer.class);

    @Inject
    ClusterWrites writes;

    @Inject
    ClusterCache cache;

    /** Whether the set is being deleted (then {@link #release} has been done and nothing else should run). */
    public boolean handleDeletion(PersistentVolumeClaimSet set) {
        if (set.getMetadata().getDeletionTimestamp() == null) {
            return false;
        }
        if (has(set)) {
            if (retain(set)) {
                release(set);
            }
            removeFinalizer(set);
        }
        return true;
    }

    /**
     * Adds the finalizer when it is missing.
     *
     * @return true when it was added (the informer's update event brings the set back)
     */
    public boolean ensure(PersistentVolumeClaimSet set) {
        if (has(set)) {
            return false;
        }
        writes.edit(
                PersistentVolumeClaimSet.class,
                set.getMetadata().getNamespace(),
                set.getMetadata().getName(),
                s -> {
                    List<String> finalizers = new ArrayList<>(
                            s.getMetadata().getFinalizers() == null
                                    ? List.of()
                                    : s.getMetadata().getFinalizers());
                    if (!finalizers.contains(FINALIZER)) {
                        finalizers.add(FINALIZER);
                    }
                    s.getMetadata().setFinalizers(finalizers);
                    return s;
                });
        return true;
    }

    private void release(PersistentVolumeClaimSet set) {
        String uid = set.getMetadata().getUid();
        for (PersistentVolumeClaim claim : cache.claimsOfSet(
                set.getMetadata().getNamespace(), set.getMetadata().getName())) {
            if (claim.getMetadata().getOwnerReferences() == null
                    || claim.getMetadata().getOwnerReferences().stream().noneMatch(o -> uid.equals(o.getUid()))) {
                continue;
            }
            writes.edit(
                    PersistentVolumeClaim.class,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName(),
                    c -> {
                        List<OwnerReference> kept =
                                new ArrayList<>(c.getMetadata().getOwnerReferences());
                        kept.removeIf(o -> uid.equals(o.getUid()));
                        c.getMetadata().setOwnerReferences(kept);
                        return c;
                    });
            LOG.infof(
                    "claim %s/%s kept after its set was deleted (retention Retain)",
                    claim.getMetadata().getNamespace(), claim.getMetadata().getName());
        }
    }

    private void removeFinalizer(PersistentVolumeClaimSet set) {
        writes.edit(
                PersistentVolumeClaimSet.class,
                set.getMetadata().getNamespace(),
                set.getMetadata().getName(),
                s -> {
                    List<String> finalizers = new ArrayList<>(s.getMetadata().getFinalizers());
                    finalizers.remove(FINALIZER);
                    s.getMetadata().setFinalizers(finalizers);
                    return s;
                });
    }

    private static boolean has(PersistentVolumeClaimSet set) {
        return set.getMetadata().getFinalizers() != null
                && set.getMetadata().getFinalizers().contains(FINALIZER);
    }

    private static boolean retain(PersistentVolumeClaimSet set) {
        return set.getSpec() == null
                || set.getSpec().getRetentionPolicy() == null
                || set.getSpec().getRetentionPolicy().getWhenDeleted() != RetentionAction.Delete;
    }
}
