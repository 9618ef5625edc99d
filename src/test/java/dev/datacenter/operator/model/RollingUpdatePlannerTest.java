package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.UpgradeStrategy;
import dev.datacenter.operator.api.VolumeSpec;
import dev.datacenter.operator.model.RollingUpdatePlanner.Instance;
import dev.datacenter.operator.model.RollingUpdatePlanner.Outcome;
import dev.datacenter.operator.model.RollingUpdatePlanner.Phase;
import dev.datacenter.operator.model.RollingUpdatePlanner.Step;
import dev.datacenter.operator.model.RollingUpdatePlanner.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingUpdatePlannerTest {

    private static List<Instance> old(int n, String rev) {
        List<Instance> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Instance(rev + "-" + i, rev, Phase.READY));
        }
        return list;
    }

    @Test
    void fullOverCapacityStartsAllNewBesideOldThenStopsOld() {
        Strategy s = new Strategy(1, 1);
        Step first = RollingUpdatePlanner.plan(3, "r2", s, old(3, "r1"));
        assertThat(first.outcome()).isEqualTo(Outcome.IN_PROGRESS);
        assertThat(first.startNew()).isEqualTo(3);
        assertThat(first.stopOld()).isEmpty();

        List<Instance> state = new ArrayList<>(old(3, "r1"));
        state.add(new Instance("n0", "r2", Phase.READY));
        state.add(new Instance("n1", "r2", Phase.STARTING));
        state.add(new Instance("n2", "r2", Phase.PENDING));
        Step second = RollingUpdatePlanner.plan(3, "r2", s, state);
        assertThat(second.startNew()).isZero();
        assertThat(second.stopOld()).containsExactly("r1-0"); // one new ready: one old may go

        Step last = RollingUpdatePlanner.plan(
                3,
                "r2",
                s,
                List.of(
                        new Instance("n0", "r2", Phase.READY),
                        new Instance("n1", "r2", Phase.READY),
                        new Instance("n2", "r2", Phase.READY)));
        assertThat(last.outcome()).isEqualTo(Outcome.COMPLETE);
    }

    @Test
    void noCapacityRulesStopEverythingFirst() {
        Strategy s = new Strategy(0, 0);
        Step first = RollingUpdatePlanner.plan(3, "r2", s, old(3, "r1"));
        assertThat(first.stopOld()).containsExactly("r1-0", "r1-1", "r1-2");
        assertThat(first.startNew()).isZero(); // the stopped pods still hold their place
        List<Instance> terminating = old(3, "r1").stream()
                .map(i -> new Instance(i.id(), i.revision(), Phase.TERMINATING))
                .toList();
        assertThat(RollingUpdatePlanner.plan(3, "r2", s, terminating).startNew())
                .isZero();
        assertThat(RollingUpdatePlanner.plan(3, "r2", s, List.of()).startNew()).isEqualTo(3);
    }

    @Test
    void fullHealthWithoutOverCapacityIsADeadlock() {
        Step step = RollingUpdatePlanner.plan(3, "r2", new Strategy(1, 0), old(3, "r1"));
        assertThat(step.outcome()).isEqualTo(Outcome.DEADLOCKED);
        assertThat(step.startNew()).isZero();
        assertThat(step.stopOld()).isEmpty();
        assertThat(step.message())
                .contains("deadlock", "minimumHealthCapacity 1.0", "3 of 3", "raise maximumOverCapacity");
    }

    @Test
    void unplaceableNewInstancesWithNoRoomToStopIsADeadlock() {
        List<Instance> state = new ArrayList<>(old(3, "r1"));
        state.add(new Instance("n0", "r2", Phase.UNPLACEABLE));
        state.add(new Instance("n1", "r2", Phase.UNPLACEABLE));
        state.add(new Instance("n2", "r2", Phase.UNPLACEABLE));
        Step step = RollingUpdatePlanner.plan(3, "r2", new Strategy(1, 1), state);
        assertThat(step.outcome()).isEqualTo(Outcome.DEADLOCKED);
        assertThat(step.message()).contains("3 new instance(s) cannot be placed", "add capacity");
        // still waiting for the placement engine: not a deadlock yet
        state.set(5, new Instance("n2", "r2", Phase.PENDING));
        assertThat(RollingUpdatePlanner.plan(3, "r2", new Strategy(1, 1), state).outcome())
                .isEqualTo(Outcome.IN_PROGRESS);
        // with minimumHealthCapacity below 1 an old instance may stop to make room
        state.set(5, new Instance("n2", "r2", Phase.UNPLACEABLE));
        Step relaxed = RollingUpdatePlanner.plan(3, "r2", new Strategy(0.5, 1), state);
        assertThat(relaxed.outcome()).isEqualTo(Outcome.IN_PROGRESS);
        assertThat(relaxed.stopOld()).containsExactly("r1-0");
    }

    @Test
    void unreadyOldInstancesAlwaysGoAndSupersededRevisionsCountAsOld() {
        List<Instance> state = List.of(
                new Instance("a", "r1", Phase.READY),
                new Instance("b", "r1", Phase.STARTING),
                new Instance("c", "r2", Phase.READY),
                new Instance("d", "r2", Phase.PENDING));
        Step step = RollingUpdatePlanner.plan(2, "r3", new Strategy(1, 0.5), state);
        assertThat(step.stopOld()).containsExactly("b", "d");
        assertThat(step.startNew()).isZero(); // 4 instances exist, 3 allowed
        assertThat(step.message()).contains("0/2 instances updated", "4 old left");
    }

    @Test
    void boundsAreComputedWithoutFloatingPointNoise() {
        assertThat(RollingUpdatePlanner.minReady(10, new Strategy(0.7, 0))).isEqualTo(7);
        assertThat(RollingUpdatePlanner.minReady(3, new Strategy(0.5, 0))).isEqualTo(2);
        assertThat(RollingUpdatePlanner.maxTotal(10, new Strategy(0, 0.3))).isEqualTo(13);
        assertThat(RollingUpdatePlanner.maxTotal(4, new Strategy(0, 0.25))).isEqualTo(5);
    }

    @Test
    void strategyDefaultsAndClaimSetAppsHaveNoOverCapacity() {
        DataCenterApp app = Apps.app("db");
        assertThat(Strategy.of(app.getSpec())).isEqualTo(new Strategy(1, 1));
        UpgradeStrategy u = new UpgradeStrategy();
        u.setMinimumHealthCapacity(0.5);
        u.setMaximumOverCapacity(0.5);
        app.getSpec().setUpgradeStrategy(u);
        assertThat(Strategy.of(app.getSpec())).isEqualTo(new Strategy(0.5, 0.5));
        VolumeSpec v = new VolumeSpec();
        v.setName("data");
        v.setMountPath("/data");
        v.setClaimSet("data");
        app.getSpec().setVolumes(List.of(v));
        assertThat(Strategy.of(app.getSpec())).isEqualTo(new Strategy(0.5, 0, true));
        u.setMinimumHealthCapacity(1.0);
        Step step = RollingUpdatePlanner.plan(2, "r2", Strategy.of(app.getSpec()), old(2, "r1"));
        assertThat(step.outcome()).isEqualTo(Outcome.DEADLOCKED);
        assertThat(step.message()).contains("claim-set volumes", "lower minimumHealthCapacity below 1");
    }

    @Test
    void scaleToZeroDuringARolloutStopsEverything() {
        Step step = RollingUpdatePlanner.plan(0, "r2", new Strategy(1, 1), old(2, "r1"));
        assertThat(step.stopOld()).containsExactly("r1-0", "r1-1");
        assertThat(RollingUpdatePlanner.plan(0, "r2", new Strategy(1, 1), List.of())
                        .outcome())
                .isEqualTo(Outcome.COMPLETE);
    }
}
