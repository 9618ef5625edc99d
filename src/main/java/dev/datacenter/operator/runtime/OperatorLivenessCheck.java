package dev.datacenter.operator.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the process itself is stuck: on the leader, a work-queue thread died. What the cluster
 * does (an informer that cannot list, an API server that is gone, an object that cannot be read) is
 * for readiness: a restart would not cure it.
 */
@Liveness
@ApplicationScoped
public class OperatorLivenessCheck implements HealthCheck {

    @Inject
    ReconcileQueue queue;

    @Override
    public HealthCheckResponse call() {
        boolean queueAlive = queue.alive();
        return HealthCheckResponse.named("datacenter-operator")
                .status(queueAlive)
                .withData("workQueueAlive", queueAlive)
                .withData("reason", queueAlive ? "none" : "a work-queue thread died while leading")
                .build();
    }
}
