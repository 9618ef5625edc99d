package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.PoolSpec.Preemption.NEVER;
import static dev.datacenter.operator.placement.PoolSpec.Preemption.TO_FAIR_SHARE;
import static dev.datacenter.operator.placement.PoolSpec.Preemption.TO_GUARANTEE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Preemption in the engine: who is taken, for whom, how far, and what is never done. */
class PreemptionTest {

    /** minimumHealthCapacity 0: every instance may be taken. */
    static final double ANY = 0.0;

    /** 4 nodes of 4 cpus, filled by 16 one-cpu instances of pool batch. */
    private static PreemptionSim fullOfBatch(long batchGuarantee, PoolSpec.Preemption webPolicy, long webGuarantee) {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 4; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, batchGuarantee, NEVER);
        s.app("b/jobs", "batch", 1000, 1, 16, 0, ANY);
        s.settle(5);
        assertThat(s.cpus("batch")).isEqualTo(16000);
        s.pool("web", 1, webGuarantee, webPolicy);
        return s;
    }

    @Test
    void aPoolArrivingInAFullClusterGetsItsGuaranteeBack() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 8000);
        s.app("w/web", "web", 1000, 1, 10, 0, ANY);

        int cycles = s.settle(20);

        assertThat(s.cpus("web")).isEqualTo(8000);
        assertThat(s.cpus("batch")).isEqualTo(8000);
        assertThat(s.victims()).as("one victim per instance, no useless kill").isEqualTo(8);
        assertThat(cycles).isLessThan(20);
        assertThat(s.preemptions).allSatisfy(p -> assertThat(p.pool()).isEqualTo("web"));
    }

    @Test
    void aPoolThatNeverPreemptsWaits() {
        PreemptionSim s = fullOfBatch(0, NEVER, 8000);
        s.app("w/web", "web", 1000, 1, 8, 0, ANY);
        s.settle(5);
        assertThat(s.preemptions).isEmpty();
        assertThat(s.cpus("web")).isZero();
    }

    @Test
    void theVictimPoolKeepsItsOwnGuarantee() {
        PreemptionSim s = fullOfBatch(12000, TO_GUARANTEE, 8000);
        s.app("w/web", "web", 1000, 1, 8, 0, ANY);
        s.settle(20);
        assertThat(s.cpus("batch")).isEqualTo(12000);
        assertThat(s.cpus("web")).isEqualTo(4000);
    }

    @Test
    void noVictimForWorkThatWouldNotFitOnTheFreedNode() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 8000);
        s.app("w/big", "web", 5000, 1, 1, 0, ANY); // nodes have 4 cpus
        s.settle(5);
        assertThat(s.preemptions).isEmpty();
        assertThat(s.cpus("batch")).isEqualTo(16000);
    }

    @Test
    void noPreemptionBeyondTheGuarantee() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 3000);
        s.app("w/web", "web", 2000, 1, 4, 0, ANY); // a second instance would pass the guarantee of 3
        s.settle(10);
        assertThat(s.cpus("web")).isEqualTo(2000);
        assertThat(s.victims()).isEqualTo(2);
    }

    @Test
    void minimumHealthCapacityLimitsTheVictimsOfAnApp() {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 4; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.app("b/jobs", "batch", 1000, 1, 16, 0, 0.8); // 16 - ceil(12.8) = 3 may be down
        s.settle(5);
        s.pool("web", 1, 8000, TO_GUARANTEE);
        s.app("w/web", "web", 1000, 1, 8, 0, ANY);
        s.settle(10);
        assertThat(s.victims()).isEqualTo(3);
        assertThat(s.cpus("web")).isEqualTo(3000);
    }

    @Test
    void evictionsInFlightCountAgainstTheBudget() {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 4; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.app("b/jobs", "batch", 1000, 1, 16, 0, 0.875); // 2 may be down
        s.settle(5);
        s.pool("web", 1, 8000, TO_GUARANTEE);
        s.app("w/web", "web", 1000, 1, 8, 0, ANY);
        // victims are not removed: their evictions stay in flight
        s.budgets();
        s.engine.setTime(s.now + 1000);
        CycleResult first = s.engine.allocate();
        CycleResult second = s.engine.allocate();
        assertThat(first.preemptions()).hasSize(2);
        assertThat(second.preemptions()).isEmpty();
        assertThat(s.engine.evicting()).hasSize(2);
    }

    @Test
    void lowerPriorityGoesFirst() {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 2; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.app("b/important", "batch", 1000, 1, 4, 10, ANY);
        s.app("b/scratch", "batch", 1000, 1, 4, -5, ANY);
        s.settle(5);
        s.pool("web", 1, 3000, TO_GUARANTEE);
        s.app("w/web", "web", 1000, 1, 3, 0, ANY);
        s.settle(10);
        assertThat(s.preemptions)
                .flatExtracting(Preemption::victims)
                .extracting(Preemption.Victim::appKey)
                .containsOnly("b/scratch");
    }

    @Test
    void theHighestPriorityWaitingAppOfThePoolPreemptsFirst() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 3000);
        // both wait when the pool preempts; the lower priority comes first by key
        s.app("w/a-meek", "web", 1000, 1, 3, 0, ANY);
        s.app("w/z-vip", "web", 1000, 1, 3, 10, ANY);

        s.settle(20);

        assertThat(s.preemptions)
                .as("the room of the guarantee is made for the higher priority, as placement would give it")
                .hasSize(3)
                .extracting(Preemption::appKey)
                .containsOnly("w/z-vip");
        assertThat(s.running.get("w/z-vip")).isEqualTo(3);
        assertThat(s.running.get("w/a-meek")).isNull();
    }

    @Test
    void amongEqualPrioritiesTheSmallerShareOfThePoolPreemptsFirst() {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 4; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.pool("web", 1, 4000, NEVER);
        s.app("b/jobs", "batch", 1000, 1, 14, 0, ANY);
        s.app("w/a-holds", "web", 1000, 1, 2, 0, ANY); // placed: 2 cpus of web's guarantee of 4
        s.settle(5);
        s.wanted.put("w/a-holds", 4);
        s.engine.setPending("w/a-holds", Fixtures.ordinals(4));
        s.app("w/b-new", "web", 1000, 1, 2, 0, ANY);
        s.settle(3);
        assertThat(s.preemptions).isEmpty();
        s.pool("web", 1, 4000, TO_GUARANTEE);

        s.settle(20);

        assertThat(s.preemptions)
                .as("DRF among equal priorities: the app with nothing yet gets the 2 cpus left of the guarantee")
                .extracting(Preemption::appKey)
                .containsOnly("w/b-new");
        assertThat(s.running.get("w/b-new")).isEqualTo(2);
        assertThat(s.running.get("w/a-holds")).isEqualTo(2);
    }

    @Test
    void youngestFirstAmongEqualPriorities() {
        PreemptionSim s = new PreemptionSim();
        s.node("n0", 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.engine.upsertApp(AppSpec.of("b/jobs", "batch", Resources.of(1000, Fixtures.GI)));
        s.wanted.put("b/jobs", 4);
        for (int i = 0; i < 4; i++) {
            s.engine.addRunningTask(RunningTask.instance("b/jobs", i, "n0", Resources.of(1000, Fixtures.GI), List.of())
                    .startedAt(100 * (i == 2 ? 9 : i + 1)));
        }
        s.engine.setPending("b/jobs", Fixtures.ordinals(4));
        s.pool("web", 1, 1000, TO_GUARANTEE);
        s.app("w/web", "web", 1000, 1, 1, 0, ANY);
        s.settle(5);
        assertThat(s.preemptions)
                .singleElement()
                .satisfies(p -> assertThat(p.victims())
                        .extracting(Preemption.Victim::instance)
                        .containsExactly(2));
    }

    @Test
    void fewestVictimsBeatLowerPriority() {
        PreemptionSim s = new PreemptionSim();
        s.node("a", 4000, 16);
        s.node("b", 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.app("b/small", "batch", 1000, 1, 4, 0, ANY); // fills one node with four 1-cpu instances
        s.app("b/large", "batch", 4000, 1, 1, 5, ANY); // one 4-cpu instance fills the other
        s.settle(5);
        s.pool("web", 1, 4000, TO_GUARANTEE);
        s.app("w/web", "web", 4000, 1, 1, 0, ANY);
        s.settle(5);
        assertThat(s.preemptions)
                .singleElement()
                .satisfies(p -> assertThat(p.victims())
                        .extracting(Preemption.Victim::appKey)
                        .containsExactly("b/large"));
    }

    @Test
    void foreignPodsAreNeverVictims() {
        PreemptionSim s = new PreemptionSim();
        s.node("n0", 4000, 16);
        s.engine.addRunningTask(RunningTask.foreign("pod:kube-dns", "n0", Resources.of(4000, Fixtures.GI), List.of()));
        s.pool("web", 1, 4000, TO_GUARANTEE);
        s.app("w/web", "web", 1000, 1, 2, 0, ANY);
        s.settle(5);
        assertThat(s.preemptions).isEmpty();
    }

    @Test
    void theFreedRoomIsHeldForThePreemptor() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 1000);
        s.pool("other", 1, 0, NEVER);
        s.app("o/greedy", "other", 1000, 1, 4, 0, ANY);
        s.app("w/web", "web", 1000, 1, 1, 0, ANY);
        s.engine.setTime(s.now + 1000);
        CycleResult r = s.engine.allocate();
        Preemption p = r.preemptions().get(0);
        s.engine.removeTask(p.victims().get(0).taskId());
        s.engine.setPending("b/jobs", List.of()); // the victim app no longer asks for it either

        CycleResult next = s.engine.allocate();

        assertThat(next.decisions()).singleElement().satisfies(d -> {
            assertThat(d.appKey()).isEqualTo("w/web");
            assertThat(d.node()).isEqualTo(p.node());
        });
        assertThat(s.engine.nominatedNode("w/web", 0)).isEmpty();
    }

    @Test
    void aRefusedEvictionMeansAnotherVictim() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 1000);
        s.app("w/web", "web", 1000, 1, 1, 0, ANY);
        String[] refused = new String[1];
        s.refuses = v -> {
            if (refused[0] == null) {
                refused[0] = v.taskId();
                return true;
            }
            return false;
        };
        s.settle(10);
        assertThat(s.cpus("web")).isEqualTo(1000);
        assertThat(s.preemptions).hasSize(2);
        assertThat(s.preemptions.get(1).victims())
                .extracting(Preemption.Victim::taskId)
                .doesNotContain(refused[0]);
    }

    @Test
    void aNominationTimesOut() {
        PreemptionSim s = fullOfBatch(0, TO_GUARANTEE, 1000);
        s.engine.setPreemptionTimeouts(10_000, 5_000);
        s.app("w/web", "web", 1000, 1, 1, 0, ANY);
        s.engine.setTime(s.now);
        CycleResult r = s.engine.allocate(); // the victim never goes away
        assertThat(r.preemptions()).hasSize(1);
        assertThat(s.engine.nominatedNode("w/web", 0)).isPresent();
        s.engine.setTime(s.now + 11_000);
        s.engine.allocate();
        assertThat(s.engine.nominatedNode("w/web", 0))
                .as("room held again only by a new preemption on a new victim")
                .hasValueSatisfying(n -> assertThat(s.engine.evicting()).hasSize(1));
    }

    @Test
    void toFairShareTakesUpToTheWeightedShare() {
        PreemptionSim s = fullOfBatch(0, TO_FAIR_SHARE, 0);
        s.app("w/web", "web", 1000, 1, 16, 0, ANY);
        s.settle(30);
        assertThat(s.cpus("web")).isEqualTo(8000);
        assertThat(s.cpus("batch")).isEqualTo(8000);
    }

    @Test
    void disruptionBudgetCountsInstancesAlreadyDown() {
        assertThat(DisruptionBudget.allowed(10, 0.5, 10)).isEqualTo(5);
        assertThat(DisruptionBudget.allowed(10, 0.5, 7)).isEqualTo(2);
        assertThat(DisruptionBudget.allowed(10, 0.5, 4)).isZero();
        assertThat(DisruptionBudget.allowed(3, 1.0, 3)).isZero();
        assertThat(DisruptionBudget.allowed(3, 2 / 3.0, 3)).isEqualTo(1);
        assertThat(DisruptionBudget.allowed(5, 0.0, 5)).isEqualTo(5);
        assertThat(DisruptionBudget.allowed(0, 0.0, 0)).isZero();
    }
}
