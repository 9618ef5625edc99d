package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An app's instance counts, as in its {@code status.instances}. */
@RegisterForReflection
public record InstanceCountsView(int total, int staged, int running, int healthy, int ready, int unhealthy) {}
