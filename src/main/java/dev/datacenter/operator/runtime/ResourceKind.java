package dev.datacenter.operator.runtime;

/** The kinds the operator reconciles; {@link #kind()} is the Kubernetes kind, also the metrics tag. */
public enum ResourceKind {
    DATA_CENTER_APP("DataCenterApp"),
    RESOURCE_POOL("ResourcePool"),
    PERSISTENT_VOLUME_CLAIM_SET("PersistentVolumeClaimSet");

    private final String kind;

    ResourceKind(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
