package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A pool's fair-share figures as the allocator saw them in one cycle. */
@RegisterForReflection
public record PoolShareView(String name, double dominantShare, double weightedShare, int pendingInstances) {}
