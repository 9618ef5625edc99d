package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.InformerCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the informers that were started still run and, on the leader, the work queue's threads are alive. */
@Liveness
@ApplicationScoped
public class OperatorLivenessCheck implements HealthCheck {

    @Inject
    InformerCache informers;

    @Inject
    ReconcileQueue queue;

    @Override
    public HealthCheckResponse call() {
        boolean informersRunning = informers.healthy();
        boolean queueAlive = queue.alive();
        return HealthCheckResponse.named("datacenter-operator")
                .status(informersRunning && queueAlive)
                .withData("informersRunning", informersRunning)
                .withData("workQueueAlive", queueAlive)
                .build();
    }
}
