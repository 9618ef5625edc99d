package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodRefusalTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Pod pod(String phase, String reason, String scheduledReason) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .withReason(reason)
                .withMessage("why")
                .endStatus();
        if (scheduledReason != null) {
            b.editStatus()
                    .addToConditions(new PodConditionBuilder()
                            .withType("PodScheduled")
                            .withStatus("False")
                            .withReason(scheduledReason)
                            .withMessage("0/3 nodes are available")
                            .withLastTransitionTime(T0.toString())
                            .build())
                    .endStatus();
        }
        return b.build();
    }

    @Test
    void unschedulableIsARefusalSinceTheConditionTurnedFalse() {
        PodRefusal r =
                PodRefusal.of(pod("Pending", null, "Unschedulable"), "n1").orElseThrow();
        assertThat(r.node()).isEqualTo("n1");
        assertThat(r.reason()).isEqualTo("Unschedulable");
        assertThat(r.message()).contains("0/3");
        assertThat(r.since()).isEqualTo(T0);
        assertThat(r.fin()).isFalse();
    }

    @Test
    void kubeletAdmissionFailuresAreFinalRefusals() {
        for (String reason :
                new String[] {"OutOfcpu", "OutOfmemory", "OutOfpods", "NodeAffinity", "UnexpectedAdmissionError"}) {
            assertThat(PodRefusal.of(pod("Failed", reason, null), "n1"))
                    .as(reason)
                    .hasValueSatisfying(r -> assertThat(r.fin()).isTrue());
        }
    }

    @Test
    void crashesEvictionsAndOtherWaitsAreNoRefusal() {
        assertThat(PodRefusal.of(pod("Failed", "Error", null), "n1")).isEmpty();
        assertThat(PodRefusal.of(pod("Failed", "Evicted", null), "n1")).isEmpty();
        assertThat(PodRefusal.of(pod("Failed", null, null), "n1")).isEmpty();
        assertThat(PodRefusal.of(pod("Pending", null, "SchedulingGated"), "n1")).isEmpty();
        assertThat(PodRefusal.of(pod("Running", null, null), "n1")).isEmpty();
        assertThat(PodRefusal.of(pod("Pending", null, "Unschedulable"), null))
                .as("not placed by us on a node")
                .isEmpty();
    }

    @Test
    void barsDoubleFromOneMinuteToAtMostFifteenPerInstanceAndNode() {
        RefusalBars bars = new RefusalBars();
        assertThat(bars.refused(0, "n1", T0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(bars.barred(T0.plusSeconds(30))).containsOnlyKeys(0);
        assertThat(bars.barred(T0.plusSeconds(30)).get(0)).containsExactly("n1");
        assertThat(bars.barred(T0.plusSeconds(61))).as("the bar ran out").isEmpty();
        assertThat(bars.nextExpiry(T0)).isEqualTo(T0.plusSeconds(60));

        assertThat(bars.refused(0, "n1", T0.plusSeconds(120))).isEqualTo(Duration.ofMinutes(2));
        assertThat(bars.refused(0, "n1", T0.plusSeconds(300))).isEqualTo(Duration.ofMinutes(4));
        assertThat(RefusalBars.duration(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(RefusalBars.duration(60)).isEqualTo(Duration.ofMinutes(15));
        assertThat(bars.refused(1, "n1", T0.plusSeconds(300)))
                .as("another instance starts at one minute")
                .isEqualTo(Duration.ofMinutes(1));

        Instant muchLater = T0.plusSeconds(300 + 240 + 15 * 60 + 1);
        assertThat(bars.refused(0, "n1", muchLater))
                .as("long quiet: starts again at one minute")
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(bars.prune(muchLater.plus(Duration.ofHours(1)))).isTrue();
    }
}
