package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.app.AppInstances.NodeLoss;
import dev.datacenter.operator.model.InstanceState;
import dev.datacenter.operator.model.PodTemplateHash;
import dev.datacenter.operator.model.RollingUpdatePlanner.Outcome;
import dev.datacenter.operator.model.RollingUpdatePlanner.Strategy;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lifecycle's one-step plan and node-loss classification, without a cluster. */
class InstancePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void scaleUpTakesTheLowestFreeOrdinalsAndCountsPlacementsInFlight() {
        List<Member> members = List.of(member(0, "new", true), member(2, "new", true));
        InstancePlan plan = InstancePlan.of(input(5, members, Set.of(1), true, new Strategy(1, 1)));
        assertThat(plan.stop()).isEmpty();
        assertThat(plan.launch()).containsExactly(3, 4);
    }

    @Test
    void scaleDownStopsTheYoungestAndNothingIsLaunchedWhileHeldBack() {
        List<Member> members = List.of(member(0, "new", true), member(1, "new", true), member(2, "new", true));
        InstancePlan plan = InstancePlan.of(input(1, members, Set.of(), false, new Strategy(1, 1)));
        assertThat(plan.stop()).containsExactly("app-2", "app-1");
        assertThat(plan.launch()).isEmpty();
    }

    @Test
    void scaleDownKeepsTheGroupBySpreadEven() {
        List<Member> members = List.of(member(0, "new", true), member(1, "new", true), member(2, "new", true));
        InstancePlan.Input in = new InstancePlan.Input(
                2,
                "new",
                new Strategy(1, 1),
                KillSelection.YoungestFirst,
                members,
                Set.of(),
                true,
                false,
                Map.of("app-0", "a", "app-1", "a", "app-2", "b"));
        assertThat(InstancePlan.of(in).stop())
                .as("the youngest of the fuller zone, not the youngest overall")
                .containsExactly("app-1");
    }

    @Test
    void aRollingStepNeverExceedsTheBounds() {
        List<Member> old = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            old.add(member(i, "old", true));
        }
        InstancePlan plan = InstancePlan.of(input(4, old, Set.of(), true, new Strategy(0.5, 0.25)));
        assertThat(plan.launch())
                .as("4 + floor(0.25 x 4) = 5 in all")
                .hasSize(1)
                .containsExactly(4);
        assertThat(plan.stop())
                .as("4 ready, at least ceil(0.5 x 4) = 2 must stay")
                .hasSize(2);
        assertThat(plan.step().outcome()).isEqualTo(Outcome.IN_PROGRESS);
    }

    @Test
    void whileLaunchesAreHeldBackARolloutStopsNothing() {
        List<Member> old = List.of(member(0, "old", true), member(1, "old", true));
        InstancePlan plan = InstancePlan.of(input(2, old, Set.of(), false, new Strategy(0, 0)));
        assertThat(plan.stop()).isEmpty();
        assertThat(plan.waiting()).isEmpty();
    }

    @Test
    void unplaceableNewInstancesWithNoRoomToStopAnOldOneAreADeadlock() {
        List<Member> old = List.of(member(0, "old", true), member(1, "old", true));
        InstancePlan.Input in = new InstancePlan.Input(
                2, "new", new Strategy(1, 1), KillSelection.YoungestFirst, old, Set.of(), true, true);
        assertThat(InstancePlan.of(in).step().outcome()).isEqualTo(Outcome.DEADLOCKED);
        assertThat(InstancePlan.of(in).step().message()).contains("minimumHealthCapacity");
    }

    @Test
    void nodeLossReplacesAfterInactiveAndExpungesAfterExpunge() {
        Node down = new NodeBuilder()
                .withNewMetadata()
                .withName("n1")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("False")
                .withLastTransitionTime("2026-11-25T09:54:00Z")
                .endCondition()
                .endStatus()
                .build();
        dev.datacenter.operator.api.UnreachableStrategy u = new dev.datacenter.operator.api.UnreachableStrategy();
        u.setInactiveAfterSeconds(300);
        u.setExpungeAfterSeconds(600);
        assertThat(AppInstances.loss(Optional.of(down), u, NOW)).isEqualTo(NodeLoss.INACTIVE);
        assertThat(AppInstances.loss(Optional.of(down), u, NOW.minusSeconds(100)))
                .isEqualTo(NodeLoss.NONE);
        assertThat(AppInstances.loss(Optional.of(down), u, NOW.plusSeconds(300)))
                .isEqualTo(NodeLoss.EXPUNGE);

        Member lost = new Member(
                pod(0, "new", true),
                "app-0",
                0,
                "new",
                InstanceState.of(pod(0, "new", true)),
                "n1",
                false,
                NodeLoss.INACTIVE);
        InstancePlan plan = InstancePlan.of(input(1, List.of(lost), Set.of(), true, new Strategy(1, 1)));
        assertThat(plan.stop()).as("the old pod stays while inactive").isEmpty();
        assertThat(plan.launch()).as("a replacement with a new ordinal").containsExactly(1);

        Member expunged = new Member(lost.pod(), "app-0", 0, "new", lost.state(), "n1", false, NodeLoss.EXPUNGE);
        assertThat(InstancePlan.of(input(1, List.of(expunged), Set.of(), true, new Strategy(1, 1)))
                        .stop())
                .containsExactly("app-0");
    }

    private static InstancePlan.Input input(
            int n, List<Member> members, Set<Integer> inFlight, boolean mayLaunch, Strategy s) {
        return new InstancePlan.Input(n, "new", s, KillSelection.YoungestFirst, members, inFlight, mayLaunch, false);
    }

    private static Member member(int ordinal, String hash, boolean ready) {
        Pod pod = pod(ordinal, hash, ready);
        return AppInstances.of(List.of(pod), Set.of(), n -> Optional.empty(), null, true, NOW)
                .get(0);
    }

    private static Pod pod(int ordinal, String hash, boolean ready) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("app-" + ordinal)
                .withUid("uid-" + ordinal)
                .withCreationTimestamp("2026-11-25T09:0" + ordinal + ":00Z")
                .withLabels(Map.of(ApiGroup.LABEL_ORDINAL, String.valueOf(ordinal)))
                .withAnnotations(Map.of(PodTemplateHash.ANNOTATION, hash))
                .endMetadata()
                .withNewSpec()
                .withNodeName("n1")
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }
}
