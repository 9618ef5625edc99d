package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.VolumeSpec;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.model.ClaimBuilder;
import dev.datacenter.operator.model.SpecDefaults;
import dev.datacenter.operator.placement.Pin;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claim-set side of placing an app's instances (the lifecycle reconciler's hook): before instance
 * ordinals are handed to the allocation loop, their claims exist; and every claim whose data lives on a
 * node pins its instance there, holding the instance's resources while it is down when the set says
 * {@code reserveResources} and the ordinal is within {@code spec.instances}.
 */
@ApplicationScoped
public class AppClaims {

    @Inject
    ClusterCache cache;

    @Inject
    ClaimOperations claims;

    /**
     * Creates the missing claims of the ordinals about to be launched and returns the app's pins.
     *
     * @param launch instance ordinals that are about to be handed to the allocation loop
     */
    public Map<Integer, Pin> prepare(DataCenterApp app, Set<Integer> launch) {
        String namespace = app.getMetadata().getNamespace();
        String appName = app.getMetadata().getName();
        Map<Integer, Pin> pins = new HashMap<>();
        int instances = SpecDefaults.instances(app.getSpec());
        // every pod mounts its ordinal's claim: one deleted (wipe, Relocate) while its pod was being placed is made
        // again
        Set<Integer> needed = new java.util.TreeSet<>(launch);
        for (io.fabric8.kubernetes.api.model.Pod pod : cache.podsOfApp(namespace, appName)) {
            Integer ordinal = ClaimPins.intLabel(pod.getMetadata().getLabels(), ApiGroup.LABEL_ORDINAL);
            if (ordinal != null && pod.getMetadata().getDeletionTimestamp() == null) {
                needed.add(ordinal);
            }
        }
        for (String setName : claimSets(app)) {
            Optional<PersistentVolumeClaimSet> set = cache.claimSet(namespace, setName);
            if (set.isEmpty()) {
                continue;
            }
            Map<Integer, PersistentVolumeClaim> byOrdinal = claimsOf(namespace, setName, appName);
            for (int ordinal : needed) {
                if (!byOrdinal.containsKey(ordinal)) {
                    claims.create(set.get(), appName, ordinal);
                }
            }
            boolean reserve = !Boolean.FALSE.equals(set.get().getSpec().getReserveResources());
            byOrdinal.forEach((ordinal, claim) -> {
                if (!ClaimPins.deleting(claim)) {
                    ClaimPins.placementNode(claim)
                            .ifPresent(
                                    node -> pins.putIfAbsent(ordinal, new Pin(node, reserve && ordinal < instances)));
                }
            });
        }
        return pins;
    }

    /** The claims of one set for the app, by ordinal (only those named as the pods mount them). */
    private Map<Integer, PersistentVolumeClaim> claimsOf(String namespace, String set, String appName) {
        Map<Integer, PersistentVolumeClaim> out = new HashMap<>();
        for (PersistentVolumeClaim c : cache.claimsOfSet(namespace, set)) {
            Integer ordinal = ClaimPins.ordinal(c);
            if (ordinal != null && c.getMetadata().getName().equals(ClaimBuilder.name(set, appName, ordinal))) {
                out.put(ordinal, c);
            }
        }
        return out;
    }

    /** The claim sets the app's volumes name, in order, once each. */
    static Set<String> claimSets(DataCenterApp app) {
        Set<String> out = new LinkedHashSet<>();
        List<VolumeSpec> volumes = app.getSpec() == null || app.getSpec().getVolumes() == null
                ? List.of()
                : app.getSpec().getVolumes();
        volumes.stream()
                .map(VolumeSpec::getClaimSet)
                .filter(s -> s != null && !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    static boolean managed(PersistentVolumeClaim c) {
        Map<String, String> labels = c.getMetadata().getLabels();
        return labels != null && ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY));
    }
}
