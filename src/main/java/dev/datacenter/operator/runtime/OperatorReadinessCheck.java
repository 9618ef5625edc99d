package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.LeaderElection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every informer has listed once, none has failed to list or watch for longer than
 * {@code datacenter.health.informer-failure-bound}, and leadership is known: this process leads, or it
 * read the Lease of the one that does within the lease duration. The reason is in the data
 * ({@link ReadinessVerdict}). Always ready when the operator is disabled ({@code datacenter.operator.enabled=false}).
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

    @ConfigProperty(name = "datacenter.health.informer-failure-bound", defaultValue = "30s")
    Duration informerFailureBound;

    Clock clock = Clock.systemUTC();

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named("datacenter-operator")
                    .up()
                    .withData("operator", "disabled")
                    .build();
        }
        ReadinessVerdict verdict = ReadinessVerdict.of(new ReadinessVerdict.Inputs(
                informers.hasSynced(),
                informers.problems(),
                election.leadershipKnown(),
                election.isLeader(),
                election.currentLeader().orElse("unknown"),
                clock.instant(),
                informerFailureBound));
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("datacenter-operator").status(verdict.ready());
        verdict.data().forEach((key, value) -> {
            if (value instanceof Boolean b) {
                response.withData(key, b);
            } else {
                response.withData(key, String.valueOf(value));
            }
        });
        return response.build();
    }
}
