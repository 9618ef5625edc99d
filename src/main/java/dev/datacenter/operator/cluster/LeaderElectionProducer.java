package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the operator's {@link LeaderElection} from the {@code datacenter.leader-election.*} keys. */
@ApplicationScoped
public class LeaderElectionProducer {

    @Produces
    @Singleton
    LeaderElection leaderElection(
            KubernetesClient client,
            @ConfigProperty(name = "datacenter.leader-election.enabled") boolean enabled,
            @ConfigProperty(name = "datacenter.operator.namespace") Optional<String> namespace,
            @ConfigProperty(name = "datacenter.leader-election.lease-name") String leaseName,
            @ConfigProperty(name = "datacenter.leader-election.lease-duration") Duration leaseDuration,
            @ConfigProperty(name = "datacenter.leader-election.renew-deadline") Duration renewDeadline,
            @ConfigProperty(name = "datacenter.leader-election.retry-period") Duration retryPeriod) {
        if (!enabled) {
            return LeaderElection.disabled();
        }
        return new LeaderElection(
                client,
                new LeaseSettings(
                        LeaseSettings.resolveNamespace(namespace),
                        leaseName,
                        LeaseSettings.newIdentity(),
                        leaseDuration,
                        renewDeadline,
                        retryPeriod));
    }
}
