package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Set;

/**
 * The DC/OS service status of an app, declared from the least to the most healthy: the dashboard lists
 * services in this order (the most unhealthy first).
 */
@RegisterForReflection
public enum ServiceStatus {
    /** A configuration error (pool, claim set or dependency missing, bad constraint) or a failed deployment. */
    Failed,
    /** Running with fewer ready instances than desired, unhealthy instances, or backing off after failures. */
    Recovering,
    /** Waiting for offers (nothing fits) or for its dependencies. */
    Waiting,
    /** A rolling deployment is in progress. */
    Deploying,
    /** All desired instances are ready. */
    Running,
    /** Scaled to zero instances. */
    Suspended;

    private static final Set<String> CONFIGURATION_ERRORS = Set.of(
            "PoolNotFound",
            "ClaimSetNotFound",
            "InvalidConstraint",
            "InvalidSpec",
            "DependencyCycle",
            "DependencyNotFound");
    private static final Set<String> WAITING = Set.of("WaitingForOffers", "WaitingForDependencies", "Unschedulable");

    /**
     * Derives the service status from an app's figures: its desired instances, instance counts, the
     * reason of its Ready condition (may be null) and its deployment phase (may be null).
     */
    public static ServiceStatus of(
            int desired, InstanceCountsView instances, String readyReason, String deploymentPhase) {
        if (desired == 0) {
            return Suspended;
        }
        if ("Failed".equals(deploymentPhase) || isIn(CONFIGURATION_ERRORS, readyReason)) {
            return Failed;
        }
        if ("BackingOff".equals(readyReason) || instances.unhealthy() > 0) {
            return Recovering;
        }
        if (isIn(WAITING, readyReason) || "WaitingForDependencies".equals(deploymentPhase)) {
            return Waiting;
        }
        if ("Deploying".equals(deploymentPhase) || "Deploying".equals(readyReason)) {
            return Deploying;
        }
        return instances.ready() >= desired ? Running : Recovering;
    }

    /** Set.of(...) refuses to look up null, and a missing Ready reason is ordinary. */
    private static boolean isIn(Set<String> reasons, String reason) {
        return reason != null && reasons.contains(reason);
    }
}
