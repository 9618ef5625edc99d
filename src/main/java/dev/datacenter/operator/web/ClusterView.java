package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The cluster as a whole. {@code taskFailures} is a monotonic counter of instance failures since the
 * operator started; the history samples turn it into a rate.
 */
@RegisterForReflection
public record ClusterView(
        int nodes,
        int schedulableNodes,
        ResourcesView capacity,
        ResourcesView allocated,
        TasksView tasks,
        long taskFailures) {

    public static final ClusterView EMPTY =
            new ClusterView(0, 0, ResourcesView.ZERO, ResourcesView.ZERO, TasksView.NONE, 0);
}
