package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;

/**
 * Who an instance is: its id (the {@code datacenter.dev/instance} label, e.g. {@code jokes-2}), its
 * ordinal (which claim of each claim set it mounts), the revision number it runs, and its pool.
 */
public record InstanceIdentity(String instanceId, int ordinal, long revision, String pool) {
    public InstanceIdentity {
        if (instanceId == null || instanceId.isEmpty() || instanceId.length() > Names.LABEL_MAX) {
            throw new IllegalArgumentException("instance id must have 1 to 63 characters: " + instanceId);
        }
        if (ordinal < 0 || revision < 0) {
            throw new IllegalArgumentException("ordinal and revision must not be negative");
        }
    }

    /** The identity {@code <app>-<ordinal>} (see {@link Names#instanceId}). */
    public static InstanceIdentity of(String appName, int ordinal, long revision, String pool) {
        return new InstanceIdentity(Names.instanceId(appName, ordinal), ordinal, revision, pool);
    }

    /**
     * The identity an instance pod carries in its labels ({@code datacenter.dev/instance, ordinal,
     * revision, pool}); empty when a label is missing or malformed (not a pod this builder made).
     */
    public static Optional<InstanceIdentity> of(Pod pod) {
        Map<String, String> labels =
                pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
        if (labels == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InstanceIdentity(
                    labels.get(ApiGroup.LABEL_INSTANCE),
                    Integer.parseInt(labels.get(ApiGroup.LABEL_ORDINAL)),
                    Long.parseLong(labels.get(ApiGroup.LABEL_REVISION)),
                    labels.get(ApiGroup.LABEL_POOL)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
