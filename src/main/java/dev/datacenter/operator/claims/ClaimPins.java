package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a claim's data lives. Pinned: the operator recorded it ({@code datacenter.dev/pinned-node}).
 * Bound: the claim is Bound and the node is known from {@code volume.kubernetes.io/selected-node} or
 * from the bound volume's required node affinity on {@code kubernetes.io/hostname}. Pure.
 */
public final class ClaimPins {
    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    private ClaimPins() {}

    /** The recorded pin, or empty. */
    public static Optional<String> pinnedNode(PersistentVolumeClaim claim) {
        return Optional.ofNullable(annotations(claim).get(ApiGroup.ANNOTATION_PINNED_NODE))
                .filter(s -> !s.isEmpty());
    }

    public static boolean bound(PersistentVolumeClaim claim) {
        return claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
    }

    public static boolean deleting(PersistentVolumeClaim claim) {
        return claim.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * The node a Bound claim's data lives on: the selected node, else the volume's node affinity (looked up
     * only then). Empty while the claim is not Bound or its node cannot be told.
     */
    public static Optional<String> boundNode(
            PersistentVolumeClaim claim, Function<String, Optional<PersistentVolume>> volumes) {
        if (!bound(claim)) {
            return Optional.empty();
        }
        String selected = annotations(claim).get(SELECTED_NODE);
        if (selected != null && !selected.isEmpty()) {
            return Optional.of(selected);
        }
        String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        if (volumeName == null || volumeName.isEmpty()) {
            return Optional.empty();
        }
        return volumes.apply(volumeName).flatMap(ClaimPins::affinityNode);
    }

    /** The one hostname a volume's required node affinity allows, or empty (none, or several). */
    public static Optional<String> affinityNode(PersistentVolume volume) {
        if (volume.getSpec() == null
                || volume.getSpec().getNodeAffinity() == null
                || volume.getSpec().getNodeAffinity().getRequired() == null) {
            return Optional.empty();
        }
        List<String> hosts = volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().stream()
                .map(NodeSelectorTerm::getMatchExpressions)
                .filter(e -> e != null)
                .flatMap(List::stream)
                .filter(r -> HOSTNAME.equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null)
                .map(NodeSelectorRequirement::getValues)
                .flatMap(List::stream)
                .distinct()
                .toList();
        return hosts.size() == 1 ? Optional.of(hosts.get(0)) : Optional.empty();
    }

    /** The pin to place by: recorded, else where the Bound claim lives (before the record is written). */
    public static Optional<String> placementNode(PersistentVolumeClaim claim) {
        return pinnedNode(claim).or(() -> boundNode(claim, name -> Optional.empty()));
    }

    /** The claim's ordinal label, or null. */
    public static Integer ordinal(PersistentVolumeClaim claim) {
        return intLabel(claim.getMetadata().getLabels(), ApiGroup.LABEL_ORDINAL);
    }

    public static String appLabel(PersistentVolumeClaim claim) {
        Map<String, String> labels = claim.getMetadata().getLabels();
        return labels == null ? null : labels.get(ApiGroup.LABEL_APP);
    }

    static Integer intLabel(Map<String, String> labels, String key) {
        String value = labels == null ? null : labels.get(key);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> annotations(PersistentVolumeClaim claim) {
        Map<String, String> a = claim.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }
}
