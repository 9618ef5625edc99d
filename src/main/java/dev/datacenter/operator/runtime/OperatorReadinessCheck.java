package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.LeaderElection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every informer has synced and leadership is known: this process leads, or it knows who
 * does. Always ready when the operator is disabled ({@code datacenter.operator.enabled=false}).
 */
@Readiness
@ApplicationScoped
public class OperatorReadinessCheck implements HealthCheck {

    @Inject
    InformerCache informers;

    @Inject
    LeaderElection election;

    @ConfigProperty(name = "datacenter.operator.enabled")
    boolean enabled;

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named("datacenter-operator")
                    .up()
                    .withData("operator", "disabled")
                    .build();
        }
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
