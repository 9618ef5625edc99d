package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.PoolSpec.Preemption.NEVER;
import static dev.datacenter.operator.placement.PoolSpec.Preemption.TO_FAIR_SHARE;
import static dev.datacenter.operator.placement.PoolSpec.Preemption.TO_GUARANTEE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Properties of preemption over random clusters, seeded by the repetition number (reproducible). */
class PreemptionPropertiesTest {

    /**
     * Random clusters of equal nodes full of non-preempting pools' one-cpu work; preempting pools with
     * guarantees that the cluster can meet all together (sum of guarantees at most the capacity, in whole
     * cpus) arrive with demand beyond them. After a few cycles every guarantee with demand is met.
     */
    @RepeatedTest(40)
    void guaranteesAreMetWhenTheClusterCanMeetThemAll(RepetitionInfo rep) {
        Random rnd = new Random(rep.getCurrentRepetition());
        PreemptionSim s = new PreemptionSim();
        int nodes = 2 + rnd.nextInt(6);
        int perNode = 2 + rnd.nextInt(6);
        for (int i = 0; i < nodes; i++) s.node("n" + i, perNode * 1000L, 64);
        int capacity = nodes * perNode;
        int left = capacity;
        Map<String, Integer> guarantees = new HashMap<>();
        int fillers = 1 + rnd.nextInt(2);
        for (int f = 0; f < fillers; f++) {
            int g = rnd.nextInt(left / 3 + 1);
            left -= g;
            String pool = "fill" + f;
            s.pool(pool, 1 + rnd.nextInt(3), g * 1000L, NEVER);
            guarantees.put(pool, g);
            s.app(pool + "/a", pool, 1000, 1, capacity, rnd.nextInt(3), 0.0);
        }
        s.settle(10);
        int arriving = 1 + rnd.nextInt(3);
        for (int p = 0; p < arriving; p++) {
            int g = left == 0 ? 0 : 1 + rnd.nextInt(left);
            left -= g;
            String pool = "team" + p;
            s.pool(pool, 1 + rnd.nextInt(3), g * 1000L, rnd.nextBoolean() ? TO_GUARANTEE : TO_FAIR_SHARE);
            guarantees.put(pool, g);
            s.app(pool + "/a", pool, 1000, 1, g + rnd.nextInt(3), 0, 0.0);
        }

        s.settle(60);

        guarantees.forEach((pool, g) -> assertThat(s.cpus(pool))
                .as("pool %s with guarantee %d of %d cpus, preemptions %s", pool, g, capacity, s.preemptions.size())
                .isGreaterThanOrEqualTo(g * 1000L));
    }

    /**
     * Random clusters, pools, policies, sizes and budgets, 1,000 cycles each with a constant demand that
     * exceeds the cluster: no preemption ever takes a victim pool below its guarantee, no victim app below
     * its minimumHealthCapacity, the preemptor never grows past its target, and no two pools preempt each
     * other back and forth (once A took from B, B never takes from A).
     */
    @RepeatedTest(12)
    void noVictimBelowItsGuaranteeAndNoPingPongOverAThousandCycles(RepetitionInfo rep) {
        Random rnd = new Random(1000 + rep.getCurrentRepetition());
        PreemptionSim s = new PreemptionSim();
        int nodes = 2 + rnd.nextInt(5);
        for (int i = 0; i < nodes; i++) s.node("n" + i, (2 + rnd.nextInt(6)) * 1000L, 8 + rnd.nextInt(24));
        int pools = 2 + rnd.nextInt(3);
        Map<String, Long> guarantee = new HashMap<>();
        PoolSpec.Preemption[] policies = PoolSpec.Preemption.values();
        List<Runnable> arrivals = new ArrayList<>();
        List<Integer> arrivalCycles = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            String pool = "p" + p;
            long g = rnd.nextInt(4) * 1000L;
            guarantee.put(pool, g);
            s.pool(pool, 1 + rnd.nextInt(3), g, policies[rnd.nextInt(policies.length)]);
            int apps = 1 + rnd.nextInt(3);
            for (int a = 0; a < apps; a++) {
                String key = pool + "/a" + a;
                long cpus = (1 + rnd.nextInt(3)) * 500L;
                long mem = 1 + rnd.nextInt(3);
                int instances = 2 + rnd.nextInt(8);
                int priority = rnd.nextInt(3);
                double health = rnd.nextInt(3) * 0.4;
                arrivals.add(() -> s.app(key, pool, cpus, mem, instances, priority, health));
                arrivalCycles.add(
                        p == 0 ? 0 : rnd.nextInt(500)); // the first pool fills the cluster, others arrive later
            }
        }
        s.refuses = v -> rnd.nextInt(10) == 0; // now and then a PodDisruptionBudget says no
        Set<String> tookFrom = new HashSet<>();
        List<String> reversals = new ArrayList<>();
        for (int cycle = 0; cycle < 1000; cycle++) {
            for (int i = 0; i < arrivals.size(); i++)
                if (arrivalCycles.get(i) == cycle) arrivals.get(i).run();
            Map<String, Long> before = s.cpusByPool();
            Map<String, Integer> runningBefore = new HashMap<>(s.running);
            for (Preemption p : s.cycle()) {
                for (Preemption.Victim v : p.victims()) {
                    if (tookFrom.contains(v.pool() + ">" + p.pool()))
                        reversals.add(p.pool() + " took back from " + v.pool());
                    tookFrom.add(p.pool() + ">" + v.pool());
                }
            }
            Map<String, Long> after = s.cpusByPool();
            for (Map.Entry<String, Long> e : after.entrySet()) {
                long g = guarantee.getOrDefault(e.getKey(), 0L);
                if (e.getValue() < before.get(e.getKey()))
                    assertThat(e.getValue())
                            .as("pool %s lost to preemption below its guarantee", e.getKey())
                            .isGreaterThanOrEqualTo(g);
            }
            for (Map.Entry<String, Integer> e : s.running.entrySet()) {
                int wanted = s.wanted.get(e.getKey());
                int lost = runningBefore.getOrDefault(e.getKey(), 0) - e.getValue();
                if (lost > 0) {
                    int mustStay = (int) Math.ceil(wanted * s.health.get(e.getKey()) - 1e-9);
                    assertThat(e.getValue())
                            .as("app %s below its minimumHealthCapacity", e.getKey())
                            .isGreaterThanOrEqualTo(mustStay);
                }
            }
        }
        assertThat(reversals).isEmpty();
        preemptionsSeen += s.preemptions.size();
        assertThat(s.cycle()).as("settled: nothing left to preempt").isEmpty();
    }

    private static int preemptionsSeen;

    @AfterAll
    static void theRandomRunsPreemptedAtAll() {
        assertThat(preemptionsSeen)
                .as("preemptions over the random 1,000-cycle runs")
                .isGreaterThan(10);
    }

    @Test
    void preemptionStopsOnceTheTargetIsReached() {
        PreemptionSim s = new PreemptionSim();
        for (int i = 0; i < 3; i++) s.node("n" + i, 4000, 16);
        s.pool("batch", 1, 0, NEVER);
        s.app("b/a", "batch", 1000, 1, 12, 0, 0.0);
        s.settle(5);
        s.pool("web", 1, 5000, TO_GUARANTEE);
        s.app("w/a", "web", 1000, 1, 12, 0, 0.0);
        for (int i = 0; i < 100; i++) s.cycle();
        assertThat(s.victims()).isEqualTo(5);
        assertThat(s.cpus("web")).isEqualTo(5000);
    }
}
