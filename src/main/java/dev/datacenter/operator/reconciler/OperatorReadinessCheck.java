package dev.datacenter.operator.reconciler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.LeaderElection;

/** Ready when every informer has synced and leadership is known: this process leads, or it knows who does. */
@Readiness
@ApplicationScoped
public class OperatorReadinessCheck implements HealthCheck {

    @Inject
    InformerCache informers;

    @Inject
    LeaderElection election;

    @Override
    public HealthCheckResponse call() {
        boolean synced = informers.hasSynced();
        boolean leadershipKnown = election.leadershipKnown();
        return HealthCheckResponse.named("datacenter-operator")
                .status(synced && leadershipKnown)
                .withData("informersSynced", synced)
                .withData("leader", election.isLeader())
                .withData("leaderIdentity", election.currentLeader().orElse("unknown"))
                .build();
    }
}
