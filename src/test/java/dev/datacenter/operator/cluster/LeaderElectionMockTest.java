package dev.datacenter.operator.cluster;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.testsupport.Eventually;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two candidates on one Lease of the in-process API server: never both leading, and a clean handover. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionMockTest {
    private static final String NAMESPACE = "datacenter-system";
    /** Far longer than any wait below: a takeover seen here comes from a release, not from expiry. */
    private static final Duration LEASE = Duration.ofSeconds(120);

    static KubernetesClient client;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger leaders = new AtomicInteger();
    private final AtomicInteger maxLeaders = new AtomicInteger();
    private final List<LeaderElection> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(LeaderElection::stop);
    }

    @Test
    void twoCandidatesNeverBothLeadAndTheSecondTakesOverWhenTheFirstReleases() {
        LeaderElection first = start("first", "handover");
        await("first leads", first::isLeader);
        LeaderElection second = start("second", "handover");
        await(
                "second knows that first leads",
                () -> second.leadershipKnown() && second.currentLeader().equals(Optional.of(first.identity())));

        // many retry periods in which the second candidate must stay a follower
        Eventually.sleep(1500);
        assertThat(second.isLeader()).isFalse();
        assertThat(first.isLeader()).isTrue();

        first.stop();

        await("second leads", second::isLeader);
        assertThat(first.isLeader()).isFalse();
        assertThat(maxLeaders.get()).as("leaders at any one time").isEqualTo(1);
        assertThat(events).containsExactly("first started", "first stopped", "second started");
        assertThat(lease("handover").getSpec().getHolderIdentity()).isEqualTo(second.identity());
    }

    @Test
    void aLeaderWhoseLeaseIsTakenStopsActingAndStandsAgainAsAFollower() {
        LeaderElection only = start("only", "taken");
        await("it leads", only::isLeader);

        await("another holder wrote the Lease", () -> {
            try {
                client.leases().inNamespace(NAMESPACE).withName("taken").edit(lease -> {
                    lease.getSpec().setHolderIdentity("intruder");
                    lease.getSpec().setRenewTime(ZonedDateTime.now());
                    return lease;
                });
                return true;
            } catch (KubernetesClientException e) {
                return !ApiErrors.isConflict(e) ? rethrow(e) : false; // the leader renewed meanwhile
            }
        });

        await("it stopped leading", () -> !only.isLeader());
        await(
                "it follows the intruder",
                () -> only.leadershipKnown() && only.currentLeader().equals(Optional.of("intruder")));
        assertThat(events).containsExactly("only started", "only stopped");
    }

    @Test
    void aDisabledElectionLeadsAtOnce() {
        LeaderElection disabled = LeaderElection.disabled();
        disabled.start(listener("alone"));

        assertThat(disabled.isLeader()).isTrue();
        assertThat(disabled.leadershipKnown()).isTrue();
        disabled.stop();
        assertThat(events).containsExactly("alone started", "alone stopped");
    }

    private LeaderElection start(String name, String leaseName) {
        LeaderElection election = new LeaderElection(
                client,
                new LeaseSettings(
                        NAMESPACE,
                        leaseName,
                        name + "-" + leaseName,
                        LEASE,
                        LEASE.minusSeconds(30),
                        Duration.ofMillis(100)));
        started.add(election);
        election.start(listener(name));
        return election;
    }

    private LeaderElection.Listener listener(String name) {
        return new LeaderElection.Listener() {
            @Override
            public void startedLeading() {
                maxLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                events.add(name + " started");
            }

            @Override
            public void stoppedLeading() {
                leaders.decrementAndGet();
                events.add(name + " stopped");
            }
        };
    }

    private static boolean rethrow(KubernetesClientException e) {
        throw e;
    }

    private static Lease lease(String name) {
        return client.leases().inNamespace(NAMESPACE).withName(name).get();
    }
}
