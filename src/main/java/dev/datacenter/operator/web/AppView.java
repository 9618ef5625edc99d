package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One DataCenterApp: a spec summary ({@code desired} is {@code spec.instances}, {@code resources} what
 * each instance asks for) and its status. {@code status} is the DC/OS service status, see
 * {@link ServiceStatus#of}. {@code lastTaskFailure} is null when no instance has failed.
 */
@RegisterForReflection
public record AppView(
        String namespace,
        String name,
        String pool,
        String group,
        String image,
        int desired,
        ResourcesView resources,
        InstanceCountsView instances,
        ServiceStatus status,
        String readyReason,
        String readyMessage,
        PendingView pending,
        FailureView lastTaskFailure,
        long revision,
        String deploymentPhase,
        List<String> dependencies) {}
