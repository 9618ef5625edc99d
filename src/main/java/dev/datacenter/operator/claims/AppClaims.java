package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.VolumeSpec;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.model.ClaimBuilder;
import dev.datacenter.operator.model.SpecDefaults;
import dev.datacenter.operator.placement.Pin;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The claim-set side of placing an app's instances (the lifecycle reconciler's hook): before instance
 * ordinals are handed to the allocation loop, their claims exist; and every claim whose data lives on a
 * node pins its instance there, holding the instance's resources while it is down when the set says
 * {@code reserveResources} and the ordinal is within {@code spec.instances}.
 *
 * <p>Claims are found by their labels (set, app, ordinal) and owner reference ({@link ClaimOwnership}),
 * whatever their name, and pods mount the claim found. A claim that is in the way (it exists under the
 * name a new claim gets but belongs to another set or app, or is labelled for the app but owned by
 * something else) is a conflict: its ordinal is not launched, and an instance pod found mounting another
 * set's or app's claim is stopped. The conflicting claim itself is left alone.
 */
@ApplicationScoped
public class AppClaims {

    @Inject
    ClusterCache cache;

    @Inject
    ClaimOperations claims;

    @Inject
    ClaimConflicts conflicts;

    @Inject
    InstanceReleaser releaser;

    @Inject
    ReconcileQueue queue;

    /**
     * What the app's placement needs from its claim sets.
     *
     * @param pins where ordinals must run (their claim's node)
     * @param claimNames the claim each ordinal's pod mounts, by {@link ClaimBuilder#key}
     * @param blocked ordinals that must not be launched (a claim conflict)
     * @param conflicts what is in the way, one message per claim
     */
    public record Prepared(
            Map<Integer, Pin> pins, Map<String, String> claimNames, Set<Integer> blocked, List<String> conflicts) {}

    /**
     * Creates the missing claims of the ordinals about to be launched and returns the app's pins and the
     * names of the claims its pods mount.
     *
     * @param launch instance ordinals that are about to be handed to the allocation loop
     */
    public Prepared prepare(DataCenterApp app, Set<Integer> launch) {
        String namespace = app.getMetadata().getNamespace();
        String appName = app.getMetadata().getName();
        Map<Integer, Pin> pins = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<Integer> blocked = new TreeSet<>();
        List<String> found = new ArrayList<>();
        int instances = SpecDefaults.instances(app.getSpec());
        List<Pod> pods = cache.podsOfApp(namespace, appName).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        // every pod mounts its ordinal's claim: one deleted (wipe, Relocate) while its pod was being placed is made
        // again
        Set<Integer> needed = new TreeSet<>(launch);
        for (Pod pod : pods) {
            Integer ordinal = ClaimPins.intLabel(pod.getMetadata().getLabels(), ApiGroup.LABEL_ORDINAL);
            if (ordinal != null) {
                needed.add(ordinal);
            }
        }
        for (String setName : claimSets(app)) {
            Optional<PersistentVolumeClaimSet> found0 = cache.claimSet(namespace, setName);
            if (found0.isEmpty()) {
                continue;
            }
            PersistentVolumeClaimSet set = found0.get();
            List<String> setConflicts = new ArrayList<>();
            Map<Integer, PersistentVolumeClaim> byOrdinal = new HashMap<>();
            Map<Integer, String> foreign = new HashMap<>();
            for (PersistentVolumeClaim c : labelled(namespace, setName, appName)) {
                int ordinal = ClaimPins.ordinal(c);
                Optional<String> conflict = ClaimOwnership.conflict(c, set, appName, ordinal);
                if (conflict.isEmpty()) {
                    byOrdinal.putIfAbsent(ordinal, c);
                } else {
                    foreign.putIfAbsent(ordinal, conflict.get());
                }
            }
            for (int ordinal : needed) {
                if (byOrdinal.containsKey(ordinal)) {
                    continue;
                }
                Optional<String> conflict = Optional.ofNullable(foreign.get(ordinal));
                if (conflict.isEmpty()) {
                    Optional<PersistentVolumeClaim> made = claims.create(set, appName, ordinal);
                    conflict = made.flatMap(c -> ClaimOwnership.conflict(c, set, appName, ordinal));
                    if (conflict.isEmpty()) {
                        made.ifPresent(c -> byOrdinal.put(ordinal, c));
                    }
                }
                if (conflict.isPresent()) {
                    blocked.add(ordinal);
                    setConflicts.add(conflict.get());
                }
            }
            setConflicts.addAll(stopPodsOnForeignClaims(app, set, pods, byOrdinal));
            boolean reserve = !Boolean.FALSE.equals(set.getSpec().getReserveResources());
            byOrdinal.forEach((ordinal, claim) -> {
                names.put(
                        ClaimBuilder.key(setName, ordinal), claim.getMetadata().getName());
                if (!ClaimPins.deleting(claim)) {
                    ClaimPins.placementNode(claim)
                            .ifPresent(
                                    node -> pins.putIfAbsent(ordinal, new Pin(node, reserve && ordinal < instances)));
                }
            });
            ResourceKey setKey = ResourceKey.claimSet(namespace, setName);
            if (conflicts.record(setKey, appName, setConflicts)) {
                queue.enqueue(setKey);
            }
            found.addAll(setConflicts);
        }
        return new Prepared(pins, names, blocked, found);
    }

    /** Forgets the conflicts a deleted app found. */
    public void forget(String namespace, String appName) {
        conflicts.forgetApp(namespace, appName);
    }

    /**
     * Stops the instance pods that mount a claim this app does not own under the set's volume (made
     * before claim names were unambiguous: set {@code a} with app {@code b-c} and set {@code a-b} with app
     * {@code c} both had {@code a-b-c-0}). The other app's claim and data are left alone.
     */
    private List<String> stopPodsOnForeignClaims(
            DataCenterApp app,
            PersistentVolumeClaimSet set,
            List<Pod> pods,
            Map<Integer, PersistentVolumeClaim> owned) {
        String namespace = app.getMetadata().getNamespace();
        String appName = app.getMetadata().getName();
        Set<String> volumeNames = new java.util.HashSet<>();
        SpecDefaults.list(app.getSpec().getVolumes()).stream()
                .filter(v -> set.getMetadata().getName().equals(v.getClaimSet()))
                .forEach(v -> volumeNames.add(v.getName()));
        List<String> out = new ArrayList<>();
        for (Pod pod : pods) {
            Integer ordinal = ClaimPins.intLabel(pod.getMetadata().getLabels(), ApiGroup.LABEL_ORDINAL);
            if (ordinal == null || pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
                continue;
            }
            for (Volume v : pod.getSpec().getVolumes()) {
                if (!volumeNames.contains(v.getName()) || v.getPersistentVolumeClaim() == null) {
                    continue;
                }
                String mounted = v.getPersistentVolumeClaim().getClaimName();
                PersistentVolumeClaim mine = owned.get(ordinal);
                if (mine != null && mine.getMetadata().getName().equals(mounted)) {
                    continue;
                }
                Optional<String> conflict =
                        cache.claim(namespace, mounted).flatMap(c -> ClaimOwnership.conflict(c, set, appName, ordinal));
                if (conflict.isPresent()) {
                    out.add("pod " + pod.getMetadata().getName() + " mounted " + conflict.get()
                            + "; the pod is stopped and the instance starts over with its own claim");
                    releaser.release(namespace, appName, ordinal, null);
                }
            }
        }
        return out;
    }

    /** The set's claims labelled for the app, not being deleted, oldest first (the one kept when two say so). */
    private List<PersistentVolumeClaim> labelled(String namespace, String set, String appName) {
        String appLabel = dev.datacenter.operator.model.Names.appLabel(appName);
        return cache.claimsOfSet(namespace, set).stream()
                .filter(c -> ClaimPins.ordinal(c) != null
                        && appLabel.equals(ClaimPins.appLabel(c))
                        && !ClaimPins.deleting(c))
                .sorted(Comparator.comparing((PersistentVolumeClaim c) ->
                                String.valueOf(c.getMetadata().getCreationTimestamp()))
                        .thenComparing(c -> c.getMetadata().getName()))
                .toList();
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
