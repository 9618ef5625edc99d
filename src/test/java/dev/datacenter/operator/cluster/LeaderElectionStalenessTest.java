package dev.datacenter.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A follower knows the leader only while the Lease it last read from the API server is fresh. */
class LeaderElectionStalenessTest {
    private static final Instant READ = Instant.parse("2026-12-04T06:00:00Z");

    private final LeaderElection election = new LeaderElection(
            null,
            new LeaseSettings(
                    "datacenter-system",
                    "datacenter-operator-leader",
                    "me",
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(2)));

    @Test
    void theLeaderIsKnownWhileTheLeaseWasReadWithinTheLeaseDuration() {
        election.observed("other", READ);
        election.clock(Clock.fixed(READ.plusSeconds(14), ZoneOffset.UTC));

        assertThat(election.leadershipKnown()).isTrue();
        assertThat(election.currentLeader()).contains("other");
    }

    @Test
    void aLeaseNotReadForLongerThanTheLeaseDurationIsStale() {
        election.observed("other", READ);
        election.clock(Clock.fixed(READ.plusSeconds(16), ZoneOffset.UTC));

        assertThat(election.leadershipKnown()).isFalse();
    }

    @Test
    void aLeaseNeverReadIsUnknown() {
        assertThat(election.leadershipKnown()).isFalse();
    }
}
