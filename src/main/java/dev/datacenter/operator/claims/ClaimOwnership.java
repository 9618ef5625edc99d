package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.model.Names;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose a claim is. A claim belongs to claim {@code i} of a set for an app when its labels say so
 * ({@code datacenter.dev/claim-set}, {@code datacenter.dev/app}, {@code datacenter.dev/ordinal}) and no
 * owner reference says it belongs to anything else: it is owned by that set (same uid), or by nothing (a
 * claim kept when an earlier set of the same name was deleted with {@code whenDeleted: Retain}: the data
 * comes back with the set, as a StatefulSet's claims do). Its name does not matter: claims named by an
 * earlier scheme keep working. A claim that fails this is never mounted, pinned, wiped or deleted. Pure.
 */
public final class ClaimOwnership {
    public static final String CLAIM_SET_KIND = "PersistentVolumeClaimSet";

    private ClaimOwnership() {}

    /** Empty when the claim is claim {@code ordinal} of {@code set} for {@code appName}; else why not. */
    public static Optional<String> conflict(
            PersistentVolumeClaim claim, PersistentVolumeClaimSet set, String appName, int ordinal) {
        Map<String, String> labels = claim.getMetadata().getLabels() == null
                ? Map.of()
                : claim.getMetadata().getLabels();
        String setName = set.getMetadata().getName();
        String want = "set " + setName + ", app " + appName + ", ordinal " + ordinal;
        if (!setName.equals(labels.get(ApiGroup.LABEL_CLAIM_SET))
                || !Names.appLabel(appName).equals(labels.get(ApiGroup.LABEL_APP))
                || !String.valueOf(ordinal).equals(labels.get(ApiGroup.LABEL_ORDINAL))) {
            return Optional.of("PersistentVolumeClaim " + claim.getMetadata().getName() + " exists but belongs to "
                    + describe(labels) + ", not to " + want);
        }
        return foreignOwner(claim, set)
                .map(o -> "PersistentVolumeClaim " + claim.getMetadata().getName() + " is labelled for " + want
                        + " but owned by " + o.getKind() + " " + o.getName() + " (uid " + o.getUid() + ")");
    }

    /** An owner reference of the claim to anything but {@code set} (by uid), or empty. */
    public static Optional<OwnerReference> foreignOwner(PersistentVolumeClaim claim, PersistentVolumeClaimSet set) {
        List<OwnerReference> owners = claim.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream()
                .filter(o -> !(CLAIM_SET_KIND.equals(o.getKind())
                        && Objects.equals(o.getName(), set.getMetadata().getName())
                        && (set.getMetadata().getUid() == null
                                || Objects.equals(o.getUid(), set.getMetadata().getUid()))))
                .findFirst();
    }

    private static String describe(Map<String, String> labels) {
        if (!ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY))) {
            return "something else (it is not managed by " + ApiGroup.MANAGED_BY + ")";
        }
        return "set " + labels.get(ApiGroup.LABEL_CLAIM_SET) + ", app " + labels.get(ApiGroup.LABEL_APP) + ", ordinal "
                + labels.get(ApiGroup.LABEL_ORDINAL);
    }
}
