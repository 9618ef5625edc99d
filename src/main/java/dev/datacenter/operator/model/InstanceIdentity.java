package dev.datacenter.operator.model;

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
}
