package dev.datacenter.operator.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.NodeLossAction;
import dev.datacenter.operator.api.NodeLossPolicy;
import dev.datacenter.operator.api.PersistentVolumeClaimSetSpec;
import dev.datacenter.operator.api.RetentionAction;
import dev.datacenter.operator.api.RetentionPolicy;
import dev.datacenter.operator.claims.ClaimSetPlan.AppUse;
import dev.datacenter.operator.claims.ClaimSetPlan.NodeHealth;
import dev.datacenter.operator.claims.ClaimSetPlan.Reason;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClaimSetPlanTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final NodeHealth READY = new NodeHealth(true, true, null);

    @Test
    void phasesFollowBindingPinningAndTheNode() {
        List<PersistentVolumeClaim> claims = List.of(
                claim(0, null, false, null),
                claim(1, null, true, "n1"),
                claim(2, "n2", true, "n2"),
                claim(3, "n3", true, "n3"));
        ClaimSetPlan.Plan plan = plan(
                new PersistentVolumeClaimSetSpec(),
                claims,
                Map.of("db", app(4, 0, 1, 2, 3)),
                n -> n.equals("n3") ? NodeHealth.GONE : READY,
                Map.of());

        assertThat(plan.giveUp()).isEmpty();
        assertThat(plan.claims())
                .extracting(ClaimStatus::getPhase)
                .containsExactly(ClaimPhase.Pending, ClaimPhase.Bound, ClaimPhase.Pinned, ClaimPhase.Lost);
        assertThat(plan.claims()).extracting(ClaimStatus::getNode).containsExactly(null, "n1", "n2", "n3");
        assertThat(plan.claims().get(2).getInstance()).isEqualTo("db-2");
        assertThat(plan.recheckAfter()).isEmpty();
    }

    @Test
    void waitNeverGivesALostClaimUp() {
        PersistentVolumeClaimSetSpec spec = new PersistentVolumeClaimSetSpec();
        spec.setNodeLossPolicy(policy(NodeLossAction.Wait, 0));
        ClaimSetPlan.Plan plan = plan(
                spec,
                List.of(claim(0, "n1", true, "n1")),
                Map.of("db", app(1)),
                n -> new NodeHealth(true, false, NOW.minus(Duration.ofDays(30))),
                Map.of());

        assertThat(plan.giveUp()).isEmpty();
        assertThat(plan.claims()).singleElement().satisfies(c -> {
            assertThat(c.getPhase()).isEqualTo(ClaimPhase.Lost);
            assertThat(c.getSince()).isEqualTo("2026-05-02T12:00:00Z");
        });
    }

    @Test
    void relocateGivesTheClaimUpOnlyAfterAfterSeconds() {
        PersistentVolumeClaimSetSpec spec = new PersistentVolumeClaimSetSpec();
        spec.setNodeLossPolicy(policy(NodeLossAction.Relocate, 60));
        List<PersistentVolumeClaim> claims = List.of(claim(0, "n1", true, "n1"));

        ClaimSetPlan.Plan early = plan(
                spec, claims, Map.of("db", app(1)), n -> new NodeHealth(true, false, NOW.minusSeconds(20)), Map.of());
        assertThat(early.giveUp()).isEmpty();
        assertThat(early.recheckAfter()).contains(Duration.ofSeconds(40));

        ClaimSetPlan.Plan late = plan(
                spec, claims, Map.of("db", app(1)), n -> new NodeHealth(true, false, NOW.minusSeconds(61)), Map.of());
        assertThat(late.giveUp()).singleElement().satisfies(g -> {
            assertThat(g.reason()).isEqualTo(Reason.RELOCATE);
            assertThat(g.node()).isEqualTo("n1");
            assertThat(g.ordinal()).isZero();
            assertThat(g.message()).contains("abandoned");
        });
        assertThat(late.claims()).isEmpty();

        // a node that is gone has no NotReady time: the time it was first seen lost counts
        ClaimSetPlan.Plan gone = plan(
                spec, claims, Map.of("db", app(1)), n -> NodeHealth.GONE, Map.of("data-db-0", NOW.minusSeconds(59)));
        assertThat(gone.giveUp()).isEmpty();
        assertThat(gone.recheckAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void retentionDeleteWaitsForTheInstanceToBeGoneAndRetainKeepsEverything() {
        PersistentVolumeClaimSetSpec delete = new PersistentVolumeClaimSetSpec();
        RetentionPolicy policy = new RetentionPolicy();
        policy.setWhenScaled(RetentionAction.Delete);
        policy.setWhenDeleted(RetentionAction.Delete);
        delete.setRetentionPolicy(policy);
        List<PersistentVolumeClaim> claims =
                List.of(claim(0, "n1", true, "n1"), claim(1, "n2", true, "n2"), claim(2, "n3", true, "n3"));

        // scaled to 1; instance 2 still running, instance 1 gone
        ClaimSetPlan.Plan scaled = plan(delete, claims, Map.of("db", app(1, 0, 2)), n -> READY, Map.of());
        assertThat(scaled.giveUp())
                .extracting(g -> g.claim().getMetadata().getName())
                .containsExactly("data-db-1");
        assertThat(scaled.giveUp().get(0).reason()).isEqualTo(Reason.SCALED);

        ClaimSetPlan.Plan deleted = plan(delete, claims, Map.of(), n -> READY, Map.of());
        assertThat(deleted.giveUp())
                .hasSize(3)
                .allSatisfy(g -> assertThat(g.reason()).isEqualTo(Reason.APP_DELETED));

        ClaimSetPlan.Plan retained = plan(new PersistentVolumeClaimSetSpec(), claims, Map.of(), n -> READY, Map.of());
        assertThat(retained.giveUp()).isEmpty();
        assertThat(plan(new PersistentVolumeClaimSetSpec(), claims, Map.of("db", app(0)), n -> READY, Map.of())
                        .giveUp())
                .isEmpty();
    }

    @Test
    void sinceIsKeptWhileThePhaseStays() {
        ClaimStatus before = new ClaimStatus();
        before.setName("data-db-0");
        before.setPhase(ClaimPhase.Pinned);
        before.setSince("2026-01-01T00:00:00Z");
        ClaimSetPlan.Plan plan = ClaimSetPlan.of(new ClaimSetPlan.Input(
                new PersistentVolumeClaimSetSpec(),
                List.of(claim(0, "n1", true, "n1")),
                Map.of("db", app(1, 0)),
                n -> READY,
                Map.of(),
                Map.of("data-db-0", before),
                NOW));
        assertThat(plan.claims().get(0).getSince()).isEqualTo("2026-01-01T00:00:00Z");
    }

    private static ClaimSetPlan.Plan plan(
            PersistentVolumeClaimSetSpec spec,
            List<PersistentVolumeClaim> claims,
            Map<String, AppUse> apps,
            Function<String, NodeHealth> nodes,
            Map<String, Instant> lostSince) {
        return ClaimSetPlan.of(new ClaimSetPlan.Input(spec, claims, apps, nodes, lostSince, Map.of(), NOW));
    }

    private static AppUse app(int instances, Integer... live) {
        Map<Integer, String> m = new java.util.HashMap<>();
        for (int i : live) {
            m.put(i, "db-" + i);
        }
        return new AppUse("db", instances, m);
    }

    private static NodeLossPolicy policy(NodeLossAction action, int after) {
        NodeLossPolicy p = new NodeLossPolicy();
        p.setAction(action);
        p.setAfterSeconds(after);
        return p;
    }

    static PersistentVolumeClaim claim(int ordinal, String pinned, boolean bound, String selected) {
        PersistentVolumeClaimBuilder b = new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data-db-" + ordinal)
                .withNamespace("ns")
                .addToLabels(ApiGroup.LABEL_CLAIM_SET, "data")
                .addToLabels(ApiGroup.LABEL_APP, "db")
                .addToLabels(ApiGroup.LABEL_ORDINAL, String.valueOf(ordinal))
                .endMetadata()
                .withNewSpec()
                .endSpec();
        if (pinned != null) {
            b.editMetadata()
                    .addToAnnotations(ApiGroup.ANNOTATION_PINNED_NODE, pinned)
                    .endMetadata();
        }
        if (selected != null) {
            b.editMetadata().addToAnnotations(ClaimPins.SELECTED_NODE, selected).endMetadata();
        }
        if (bound) {
            b.withNewStatus().withPhase("Bound").endStatus();
        }
        return b.build();
    }
}
