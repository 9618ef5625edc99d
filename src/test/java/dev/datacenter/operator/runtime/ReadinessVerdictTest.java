package dev.datacenter.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.cluster.InformerCache.InformerProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessVerdictTest {
    private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void readyWhenSyncedWithoutProblemsAndTheLeaderKnown() {
        ReadinessVerdict verdict = verdict(true, List.of(), true);

        assertThat(verdict.ready()).isTrue();
        assertThat(verdict.data()).doesNotContainKeys("reason", "informersFailing");
    }

    @Test
    void aWatchFailingForLessThanTheBoundIsShownButKeepsItReady() {
        ReadinessVerdict verdict = verdict(true, List.of(problem("Pod", 10, "connection refused")), true);

        assertThat(verdict.ready()).isTrue();
        assertThat(verdict.data()).containsEntry("informersFailing", "Pod for 10s: connection refused");
    }

    @Test
    void aWatchFailingForLongerThanTheBoundMakesItNotReadyNamingTheInformer() {
        ReadinessVerdict verdict = verdict(true, List.of(problem("DataCenterApp", 45, "HTTP 500")), true);

        assertThat(verdict.ready()).isFalse();
        assertThat((String) verdict.data().get("reason"))
                .isEqualTo("informer DataCenterApp has not listed or watched for 45s (bound 30s)");
    }

    @Test
    void notReadyBeforeEveryInformerListedOnce() {
        ReadinessVerdict verdict = verdict(false, List.of(problem("ResourcePool", 5, "HTTP 404")), true);

        assertThat(verdict.ready()).isFalse();
        assertThat(verdict.data()).containsEntry("informersSynced", false);
        assertThat((String) verdict.data().get("reason")).contains("have not listed every kind");
    }

    @Test
    void notReadyWhenTheLeaderIsUnknown() {
        ReadinessVerdict verdict = verdict(true, List.of(), false);

        assertThat(verdict.ready()).isFalse();
        assertThat((String) verdict.data().get("reason")).contains("the leader is unknown");
    }

    private static InformerProblem problem(String informer, long secondsAgo, String error) {
        return new InformerProblem(informer, NOW.minusSeconds(secondsAgo), error);
    }

    private static ReadinessVerdict verdict(boolean synced, List<InformerProblem> problems, boolean leaderKnown) {
        return ReadinessVerdict.of(
                new ReadinessVerdict.Inputs(synced, problems, leaderKnown, false, "other", NOW, BOUND));
    }
}
