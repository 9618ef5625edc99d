package dev.datacenter.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.LeaderElection;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class OperatorReadinessCheckTest {

    @Test
    void notReadyBeforeTheInformersSyncedEvenWhenLeading() {
        LeaderElection election = LeaderElection.disabled();
        election.start(new LeaderElection.Listener() {
            @Override
            public void startedLeading() {}

            @Override
            public void stoppedLeading() {}
        });

        HealthCheckResponse response =
                check(new InformerCache(), election, true).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData())
                .hasValueSatisfying(data -> assertThat(data).containsEntry("informersSynced", false));
    }

    @Test
    void notReadyWhileLeadershipIsUnknown() {
        assertThat(check(new InformerCache(), LeaderElection.disabled(), true)
                        .call()
                        .getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void readyWhenTheOperatorIsDisabled() {
        assertThat(check(new InformerCache(), LeaderElection.disabled(), false)
                        .call()
                        .getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static OperatorReadinessCheck check(InformerCache informers, LeaderElection election, boolean enabled) {
        OperatorReadinessCheck check = new OperatorReadinessCheck();
        check.informers = informers;
        check.election = election;
        check.enabled = enabled;
        return check;
    }
}
