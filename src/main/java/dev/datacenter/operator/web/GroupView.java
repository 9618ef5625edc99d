package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A Marathon-style group ({@code spec.group}, e.g. {@code /prod/web}) summed over its apps and, for a parent
 * group, over every app of its subgroups: {@code /prod} sums {@code /prod/web} and {@code /prod/db}. Groups
 * span namespaces. {@code label} is the value of the {@code datacenter.dev/group} label its apps carry (only
 * the apps directly in the group: a label selects one exact group). {@code resources} is what the group's
 * instances hold now (each app's per-instance resources times its instances); {@code status} is the least
 * healthy of its apps' statuses.
 */
@RegisterForReflection
public record GroupView(
        String path,
        String label,
        String parent,
        List<String> groups,
        List<String> apps,
        int appCount,
        int desired,
        InstanceCountsView instances,
        ResourcesView resources,
        ServiceStatus status) {}
