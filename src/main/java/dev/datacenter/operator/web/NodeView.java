package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One node (a Mesos agent). {@code capacity} is the node's allocatable resources, {@code allocated} the
 * requests of every pod on it (ours or not), {@code free} what is left; {@code zone} and {@code rack}
 * come from the {@code topology.kubernetes.io/zone} and {@code rack} labels (null when absent);
 * {@code pools} the ResourcePools whose node selector matches it; {@code tasks} our instances on it.
 */
@RegisterForReflection
public record NodeView(
        String name,
        Map<String, String> labels,
        boolean schedulable,
        boolean ready,
        String zone,
        String rack,
        ResourcesView capacity,
        ResourcesView allocated,
        ResourcesView free,
        List<String> pools,
        int tasks) {}
