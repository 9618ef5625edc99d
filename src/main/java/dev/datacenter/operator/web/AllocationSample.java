package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Allocated divided by capacity per resource, each in 0..1 (0 where the capacity is zero). */
@RegisterForReflection
public record AllocationSample(double cpu, double mem, double gpu) {

    public static AllocationSample of(ResourcesView allocated, ResourcesView capacity) {
        return new AllocationSample(
                ratio(allocated.cpus(), capacity.cpus()),
                ratio(allocated.mem(), capacity.mem()),
                ratio(allocated.gpus(), capacity.gpus()));
    }

    private static double ratio(double part, double whole) {
        return whole > 0 ? Math.max(0, Math.min(1, part / whole)) : 0;
    }
}
