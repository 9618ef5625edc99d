package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Instance counts over the whole cluster (the DC/OS "Tasks" panel). */
@RegisterForReflection
public record TasksView(int staged, int running, int healthy, int unhealthy, int total) {

    public static final TasksView NONE = new TasksView(0, 0, 0, 0, 0);
}
