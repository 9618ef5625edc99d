package dev.datacenter.operator.api;

/**
 * Whether a pool below its share takes resources back from other pools (api.md, "Preemption"): {@code Never}
 * (the default), {@code ToGuarantee} (up to its guarantee), {@code ToFairShare} (up to the larger of its
 * guarantee and its weighted fair share).
 */
public enum PreemptionPolicy {
    Never,
    ToGuarantee,
    ToFairShare
}
