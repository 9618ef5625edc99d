package dev.datacenter.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * An exhaustive search over every subset of the tasks on every node, on small random cases: the engine's
 * victims are as few as the fewest that let the preemptor's instance fit, and the engine preempts exactly
 * when some subset makes it fit.
 */
class PreemptionMinimalityTest {

    /** One node's running tasks of pool "batch", as cpus and mem (GiB). */
    record Task(String id, long cpus, long mem) {}

    @RepeatedTest(300)
    void victimsAreAsFewAsAnExhaustiveSearchFinds(RepetitionInfo rep) {
        Random rnd = new Random(rep.getCurrentRepetition());
        PlacementEngine e = new PlacementEngine();
        e.upsertPool(PoolSpec.shared("batch", 1));
        e.upsertPool(new PoolSpec(
                        "web", LabelSelector.EVERYTHING, 1, Resources.of(1_000_000, 0), Resources.UNLIMITED, List.of())
                .withPreemption(PoolSpec.Preemption.TO_GUARANTEE));
        int nodes = 1 + rnd.nextInt(3);
        List<List<Task>> byNode = new ArrayList<>();
        int app = 0;
        for (int n = 0; n < nodes; n++) {
            long cpus = 2000 + rnd.nextInt(7) * 1000L;
            long mem = 4 + rnd.nextInt(12);
            e.upsertNode(Fixtures.node("n" + n, cpus, mem));
            List<Task> tasks = new ArrayList<>();
            long usedCpu = 0;
            long usedMem = 0;
            int count = 1 + rnd.nextInt(7);
            for (int t = 0; t < count; t++) {
                long c = (1 + rnd.nextInt(4)) * 500L;
                long m = 1 + rnd.nextInt(3);
                if (usedCpu + c > cpus || usedMem + m > mem) continue;
                usedCpu += c;
                usedMem += m;
                String key = "b/app" + app++;
                e.upsertApp(AppSpec.of(key, "batch", Resources.of(c, m * Fixtures.GI)));
                e.addRunningTask(RunningTask.instance(key, 0, "n" + n, Resources.of(c, m * Fixtures.GI), List.of()));
                tasks.add(new Task(RunningTask.instanceId(key, 0), c, m));
            }
            // fill what is left with a foreign pod: never a victim
            long fc = cpus - usedCpu;
            long fm = mem - usedMem;
            if (fc > 0 || fm > 0 && rnd.nextBoolean()) {
                e.addRunningTask(RunningTask.foreign(
                        "pod:f" + n,
                        "n" + n,
                        new Resources(Math.max(0, fc - 500), Math.max(0, fm - 1) * Fixtures.GI, 0, 0),
                        List.of()));
            }
            byNode.add(tasks);
        }
        e.allocate();
        long reqCpu = (1 + rnd.nextInt(10)) * 500L;
        long reqMem = 1 + rnd.nextInt(6);
        e.upsertApp(AppSpec.of("w/x", "web", Resources.of(reqCpu, reqMem * Fixtures.GI)));
        e.setPending("w/x", List.of(0));

        int best = Integer.MAX_VALUE;
        for (int n = 0; n < nodes; n++) {
            Resources free = e.freeFor("n" + n, "web").orElseThrow();
            best = Math.min(best, fewest(byNode.get(n), free, reqCpu, reqMem * Fixtures.GI));
        }

        CycleResult r = e.allocate();
        if (!r.decisions().isEmpty()) return; // it fitted without preemption
        if (best == Integer.MAX_VALUE) {
            assertThat(r.preemptions()).as("no subset makes it fit: no victim").isEmpty();
        } else {
            assertThat(r.preemptions()).hasSize(1);
            assertThat(r.preemptions().get(0).victims()).hasSize(best);
        }
    }

    /** The size of the smallest subset of tasks whose removal lets the request fit; MAX_VALUE when none does. */
    static int fewest(List<Task> tasks, Resources free, long cpus, long mem) {
        int best = Integer.MAX_VALUE;
        for (int mask = 1; mask < (1 << tasks.size()); mask++) {
            long c = free.cpus();
            long m = free.mem();
            for (int i = 0; i < tasks.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    c += tasks.get(i).cpus();
                    m += tasks.get(i).mem() * Fixtures.GI;
                }
            }
            if (c >= cpus && m >= mem) best = Math.min(best, Integer.bitCount(mask));
        }
        return best;
    }
}
