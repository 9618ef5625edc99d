package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.datacenter.operator.model.RollingUpdatePlanner.Instance;
import dev.datacenter.operator.model.RollingUpdatePlanner.Outcome;
import dev.datacenter.operator.model.RollingUpdatePlanner.Phase;
import dev.datacenter.operator.model.RollingUpdatePlanner.Step;
import dev.datacenter.operator.model.RollingUpdatePlanner.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property test: whole rollouts simulated for many (N, minimumHealthCapacity, maximumOverCapacity).
 * Each step the planner decides; stopped instances terminate for one or more steps, then vanish; started ones
 * are pending for one step, then starting, then ready with probability 0.6 per step. The bounds are
 * checked at every step, at the worst moment (after the step's starts, before its stops finish).
 */
class RollingUpdateSimulationTest {
    private static final double[] MIN_HEALTH = {0, 0.25, 0.5, 0.6, 0.75, 0.9, 1};
    private static final double[] MAX_OVER = {0, 0.1, 0.25, 0.5, 1};

    private static final class Sim {
        final int n;
        final Strategy strategy;
        final Random random;
        final List<Instance> instances = new ArrayList<>();
        int nextId;
        int steps;

        Sim(int n, Strategy strategy, long seed) {
            this.n = n;
            this.strategy = strategy;
            this.random = new Random(seed);
            for (int i = 0; i < n; i++) {
                instances.add(new Instance("i" + nextId++, "r1", Phase.READY));
            }
        }

        long ready() {
            return instances.stream().filter(i -> i.phase() == Phase.READY).count();
        }

        /** Runs until COMPLETE or DEADLOCKED or maxSteps; returns the last step. */
        Step run(String revision, int maxSteps) {
            int minReady = RollingUpdatePlanner.minReady(n, strategy);
            int maxTotal = RollingUpdatePlanner.maxTotal(n, strategy);
            for (int k = 0; k < maxSteps; k++, steps++) {
                Step step = RollingUpdatePlanner.plan(n, revision, strategy, List.copyOf(instances));
                assertThat(step.minReady()).isEqualTo(minReady);
                assertThat(step.maxTotal()).isEqualTo(maxTotal);
                if (step.outcome() != Outcome.IN_PROGRESS) {
                    return step;
                }
                apply(step, revision);
                assertThat(instances.size())
                        .as("%s: total at step %d", this, steps)
                        .isLessThanOrEqualTo(maxTotal);
                assertThat(ready()).as("%s: ready at step %d", this, steps).isGreaterThanOrEqualTo(minReady);
                advance();
            }
            return fail("%s: no end after %d steps: %s", this, maxSteps, instances);
        }

        private void apply(Step step, String revision) {
            Set<String> stop = Set.copyOf(step.stopOld());
            assertThat(stop).hasSameSizeAs(step.stopOld());
            for (int j = 0; j < instances.size(); j++) {
                Instance i = instances.get(j);
                if (stop.contains(i.id())) {
                    assertThat(i.revision()).as("only old instances stop").isNotEqualTo(revision);
                    assertThat(i.phase()).isNotEqualTo(Phase.TERMINATING);
                    instances.set(j, new Instance(i.id(), i.revision(), Phase.TERMINATING));
                }
            }
            assertThat(instances.stream().filter(i -> stop.contains(i.id())).count())
                    .isEqualTo(stop.size());
            for (int j = 0; j < step.startNew(); j++) {
                instances.add(new Instance("i" + nextId++, revision, Phase.PENDING));
            }
        }

        private void advance() {
            List<Instance> next = new ArrayList<>();
            for (Instance i : instances) {
                switch (i.phase()) {
                    case TERMINATING -> {
                        if (random.nextDouble() < 0.4) {
                            next.add(i); // still shutting down at the next step
                        }
                    }
                    case PENDING -> next.add(new Instance(i.id(), i.revision(), Phase.STARTING));
                    case STARTING ->
                        next.add(random.nextDouble() < 0.6 ? new Instance(i.id(), i.revision(), Phase.READY) : i);
                    default -> next.add(i);
                }
            }
            instances.clear();
            instances.addAll(next);
        }

        void assertDone(String revision) {
            assertThat(instances)
                    .as("%s", this)
                    .hasSize(n)
                    .allMatch(i -> i.revision().equals(revision) && i.phase() == Phase.READY);
        }

        @Override
        public String toString() {
            return "N=" + n + " " + strategy;
        }
    }

    private static boolean mustDeadlock(int n, Strategy s) {
        return n > 0 && RollingUpdatePlanner.minReady(n, s) == n && RollingUpdatePlanner.maxTotal(n, s) == n;
    }

    @Test
    void everyRolloutKeepsTheBoundsAndCompletesUnlessItMustDeadlock() {
        int simulations = 0;
        int deadlocks = 0;
        for (int n = 0; n <= 10; n++) {
            for (double h : MIN_HEALTH) {
                for (double o : MAX_OVER) {
                    for (long seed = 0; seed < 3; seed++) {
                        Strategy s = new Strategy(h, o);
                        Sim sim = new Sim(n, s, seed * 31 + n);
                        Step last = sim.run("r2", 40 + 20 * n);
                        simulations++;
                        if (mustDeadlock(n, s)) {
                            deadlocks++;
                            assertThat(last.outcome()).as("%s", sim).isEqualTo(Outcome.DEADLOCKED);
                            assertThat(sim.steps).isZero();
                            assertThat(last.message()).contains("deadlock");
                        } else {
                            assertThat(last.outcome()).as("%s", sim).isEqualTo(Outcome.COMPLETE);
                            sim.assertDone("r2");
                        }
                    }
                }
            }
        }
        assertThat(simulations).isEqualTo(11 * 7 * 5 * 3);
        // ceil(h·N) = N and floor(o·N) = 0, counted by hand per h: 1.0 → 23, 0.9 → 22, 0.75 → 10,
        // 0.6 → 7, 0.5 → 4, 0.25 → 4, 0 → 0 (N, o) pairs; three seeds each
        assertThat(deadlocks).isEqualTo(70 * 3);
    }

    @Test
    void issueBarFourInstancesHalfHealthQuarterOver() {
        Sim sim = new Sim(4, new Strategy(0.5, 0.25), 7);
        assertThat(sim.run("r2", 100).outcome()).isEqualTo(Outcome.COMPLETE); // bounds 5 and 2 asserted at every step
        sim.assertDone("r2");
    }

    @Test
    void aSpecChangeDuringARolloutSupersedesIt() {
        Random random = new Random(42);
        for (int run = 0; run < 300; run++) {
            int n = 1 + random.nextInt(8);
            Strategy s = new Strategy(
                    MIN_HEALTH[random.nextInt(MIN_HEALTH.length - 1)],
                    MAX_OVER[1 + random.nextInt(MAX_OVER.length - 1)]);
            if (mustDeadlock(n, s)) {
                continue;
            }
            Sim sim = new Sim(n, s, run);
            int midway = random.nextInt(4);
            for (int k = 0; k < midway; k++) {
                Step step = RollingUpdatePlanner.plan(n, "r2", s, List.copyOf(sim.instances));
                if (step.outcome() != Outcome.IN_PROGRESS) {
                    break;
                }
                sim.apply(step, "r2");
                sim.advance();
            }
            Step last = sim.run("r3", 40 + 20 * n);
            assertThat(last.outcome()).as("%s", sim).isEqualTo(Outcome.COMPLETE);
            sim.assertDone("r3");
        }
    }
}
