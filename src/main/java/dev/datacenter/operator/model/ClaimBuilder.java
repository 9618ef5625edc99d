package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PVC of claim {@code i} of a PersistentVolumeClaimSet used by an app: named
 * {@code <set>-<app>-<hash>-<i>} ({@link Names#claimName}), labelled {@code datacenter.dev/claim-set}, {@code datacenter.dev/app},
 * {@code datacenter.dev/ordinal} and managed-by, owned by the set (never by a pod or the app: the
 * data outlives both unless a retention policy says Delete), its spec a copy of the set's template.
 */
public final class ClaimBuilder {
    private ClaimBuilder() {}

    /** The desired PVC of claim {@code ordinal} of {@code set} for the app named {@code appName}. */
    public static PersistentVolumeClaim build(PersistentVolumeClaimSet set, String appName, int ordinal) {
        String setName = set.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ApiGroup.LABEL_CLAIM_SET, setName);
        labels.put(ApiGroup.LABEL_APP, Names.appLabel(appName));
        labels.put(ApiGroup.LABEL_ORDINAL, String.valueOf(ordinal));
        labels.put(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY);
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(Names.claimName(setName, appName, ordinal))
                .withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(Labels.controllerReference(set))
                .endMetadata()
                .withSpec(new PersistentVolumeClaimSpecBuilder(set.getSpec().getTemplate()).build())
                .build();
    }

    /** The name a new claim {@code ordinal} gets: {@code <set>-<app>-<hash>-<ordinal>}. */
    public static String name(String claimSet, String appName, int ordinal) {
        return Names.claimName(claimSet, appName, ordinal);
    }

    /** The key of a claim name in a placement's claim names: {@code <set>/<ordinal>}. */
    public static String key(String claimSet, int ordinal) {
        return claimSet + "/" + ordinal;
    }
}
