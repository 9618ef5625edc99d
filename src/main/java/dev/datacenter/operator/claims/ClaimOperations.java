package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.cluster.ApiErrors;
import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.model.ClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The writes of the claim lifecycle: create a claim, record its pin, delete it, finish a wipe. */
@ApplicationScoped
public class ClaimOperations {
    private static final Logger LOG = Logger.getLogger(ClaimOperations.class);

    @Inject
    ClusterWrites writes;

    /**
     * Creates claim {@code ordinal} of the set for the app under the name new claims get; when a claim of
     * that name exists already it is left as it is and returned, for the caller to check whose it is.
     *
     * @return the claim now under that name, or empty when it was deleted meanwhile
     */
    public Optional<PersistentVolumeClaim> create(PersistentVolumeClaimSet set, String appName, int ordinal) {
        PersistentVolumeClaim claim = ClaimBuilder.build(set, appName, ordinal);
        try {
            PersistentVolumeClaim created = writes.create(claim);
            LOG.debugf(
                    "created claim %s/%s",
                    claim.getMetadata().getNamespace(), claim.getMetadata().getName());
            return Optional.of(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return Optional.ofNullable(writes.get(
                    PersistentVolumeClaim.class,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName()));
        }
    }

    /** Records the node a claim is pinned to ({@code datacenter.dev/pinned-node}). */
    public void pin(PersistentVolumeClaim claim, String node) {
        writes.edit(
                PersistentVolumeClaim.class,
                claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(),
                c -> {
                    if (c.getMetadata().getAnnotations() == null) {
                        c.getMetadata().setAnnotations(new java.util.HashMap<>());
                    }
                    c.getMetadata().getAnnotations().put(ApiGroup.ANNOTATION_PINNED_NODE, node);
                    return c;
                });
    }

    /**
     * Deletes this claim (a policy or a wipe said so): only the object seen, never a fresh claim of the same
     * name made meanwhile (the cache may be behind). One already gone is fine.
     *
     * @return whether this call deleted it
     */
    public boolean delete(PersistentVolumeClaim claim) {
        String namespace = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        try {
            PersistentVolumeClaim now = writes.get(PersistentVolumeClaim.class, namespace, name);
            if (now == null
                    || !java.util.Objects.equals(
                            now.getMetadata().getUid(), claim.getMetadata().getUid())) {
                return false;
            }
            writes.delete(PersistentVolumeClaim.class, namespace, name);
            return true;
        } catch (KubernetesClientException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
            return false;
        }
    }

    public Optional<PersistentVolume> volume(String name) {
        return Optional.ofNullable(writes.get(PersistentVolume.class, null, name));
    }

    /** Removes the {@code datacenter.dev/wipe} annotation once the wipe is done. */
    public void wipeDone(PersistentVolumeClaimSet set) {
        writes.edit(
                PersistentVolumeClaimSet.class,
                set.getMetadata().getNamespace(),
                set.getMetadata().getName(),
                s -> {
                    s.getMetadata().getAnnotations().remove(ApiGroup.ANNOTATION_WIPE);
                    return s;
                });
    }
}
