package dev.datacenter.operator.api;

/** The life of one claim of a PersistentVolumeClaimSet. */
public enum ClaimPhase {
    Pending,
    Bound,
    Pinned,
    Lost
}
