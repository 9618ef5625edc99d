package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.LaunchBackoffStatus;
import dev.datacenter.operator.model.LaunchBackoff;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The launch backoff survives a restart or a leader change: a fresh LaunchBackoffs fed from status keeps delaying. */
class LaunchBackoffsRestoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String APP = "ns/crashy";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Backoff backoff() {
        Backoff b = new Backoff();
        b.setSeconds(10.0);
        b.setFactor(2.0);
        b.setMaxLaunchDelaySeconds(300.0);
        return b;
    }

    /** The status as the API server would hand it to the next operator: through JSON. */
    private static DataCenterAppStatus roundTrip(LaunchBackoffStatus recorded) throws Exception {
        DataCenterAppStatus status = new DataCenterAppStatus();
        status.setLaunchBackoff(recorded);
        return MAPPER.readValue(MAPPER.writeValueAsString(status), DataCenterAppStatus.class);
    }

    @Test
    void aNewOperatorGoesOnDelayingFromTheRecordedFailures() throws Exception {
        LaunchBackoff policy = new LaunchBackoff(backoff());
        LaunchBackoffs before = new LaunchBackoffs();
        for (int i = 0; i < 3; i++) {
            before.failed(APP, "uid-" + i, backoff(), T0.plusSeconds(i), 4);
        }
        Instant now = T0.plusSeconds(5);
        LaunchBackoffStatus recorded = LaunchBackoffs.status(policy, before.state(APP), now, 4);
        assertThat(recorded.getFailures()).isEqualTo(3);

        LaunchBackoffs after = new LaunchBackoffs(); // the new leader: nothing in memory
        assertThat(policy.holds(after.state(APP), now, 4)).isFalse();
        after.restore(APP, roundTrip(recorded));
        assertThat(after.state(APP).failures()).isEqualTo(3);
        assertThat(policy.holds(after.state(APP), now, 4))
                .as("3 failures: 40 s from the last one")
                .isTrue();
        assertThat(policy.untilTime(after.state(APP))).isEqualTo(T0.plusSeconds(2 + 40));

        after.failed(APP, "uid-3", backoff(), T0.plusSeconds(50), 4);
        assertThat(after.state(APP).failures()).as("the count goes on growing").isEqualTo(4);
    }

    @Test
    void memoryWinsOverStatusAndANewRevisionOrAQuietPeriodClearsTheRecord() throws Exception {
        LaunchBackoff policy = new LaunchBackoff(backoff());
        LaunchBackoffs backoffs = new LaunchBackoffs();
        backoffs.failed(APP, "uid-0", backoff(), T0, 1);
        LaunchBackoffStatus stale = new LaunchBackoffStatus();
        stale.setFailures(9);
        stale.setLastFailureTime(T0.toString());
        stale.setRevision(1L);
        backoffs.restore(APP, roundTrip(stale));
        assertThat(backoffs.state(APP).failures()).isEqualTo(1);

        assertThat(LaunchBackoffs.status(policy, backoffs.state(APP), T0, 2))
                .as("another revision")
                .isNull();
        assertThat(LaunchBackoffs.status(policy, backoffs.state(APP), T0.plusSeconds(10 + 300), 1))
                .as("quiet period over")
                .isNull();
    }
}
