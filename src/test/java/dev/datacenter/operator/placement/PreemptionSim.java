package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A tiny cluster around the engine, as the operator drives it: every decision becomes a running task,
 * every victim of a preemption is evicted (its task removed, its instance wanted again) unless the
 * refusal predicate says a PodDisruptionBudget refuses it; the clock advances one second per cycle.
 */
final class PreemptionSim {

    final PlacementEngine engine = new PlacementEngine();
    /** Each app's wanted instance count. */
    final Map<String, Integer> wanted = new TreeMap<>();

    final List<Preemption> preemptions = new ArrayList<>();
    Predicate<Preemption.Victim> refuses = v -> false;
    long now = 1_000_000;
    private long started = 1;

    PreemptionSim() {
        engine.setTime(now);
    }

    void node(String name, long cpus, long memGi) {
        engine.upsertNode(Fixtures.node(name, cpus, memGi));
    }

    void pool(String name, double weight, long guaranteeCpus, PoolSpec.Preemption preemption) {
        engine.upsertPool(new PoolSpec(
                        name,
                        LabelSelector.EVERYTHING,
                        weight,
                        guaranteeCpus == 0 ? Resources.ZERO : Resources.of(guaranteeCpus, 0),
                        Resources.UNLIMITED,
                        List.of())
                .withPreemption(preemption));
    }

    /** Each app's spec and minimumHealthCapacity; its disruption budget follows its running instances. */
    final Map<String, AppSpec> specs = new TreeMap<>();

    final Map<String, Double> health = new HashMap<>();
    final Map<String, Integer> running = new HashMap<>();

    /** An app; {@code minimumHealthCapacity} 0 lets preemption take every instance. */
    void app(
            String key, String pool, long cpus, long memGi, int instances, int priority, double minimumHealthCapacity) {
        specs.put(
                key,
                AppSpec.of(key, pool, Resources.of(cpus, memGi * Fixtures.GI)).withPreemptionTerms(priority, 0));
        health.put(key, minimumHealthCapacity);
        wanted.put(key, instances);
        budgets();
        want(key);
    }

    /** As the operator does each reconcile: the budget from the instances running (ready) now. */
    void budgets() {
        for (AppSpec spec : specs.values()) {
            int budget = DisruptionBudget.allowed(
                    wanted.get(spec.key()), health.get(spec.key()), running.getOrDefault(spec.key(), 0));
            engine.upsertApp(spec.withPreemptionTerms(spec.priority(), budget));
        }
    }

    private void want(String key) {
        engine.setPending(key, Fixtures.ordinals(wanted.get(key)));
    }

    /** One cycle: place, start what was placed, evict victims. Returns this cycle's preemptions. */
    List<Preemption> cycle() {
        now += 1000;
        engine.setTime(now);
        budgets();
        return apply(engine.allocate()).preemptions();
    }

    private CycleResult apply(CycleResult r) {
        for (OfferDecision d : r.decisions()) {
            engine.addRunningTask(new RunningTask(
                    d.taskId(), d.node(), d.appKey(), d.instance(), d.resources(), d.hostPorts(), started++));
            running.merge(d.appKey(), 1, Integer::sum);
        }
        for (Preemption p : r.preemptions()) {
            preemptions.add(p);
            for (Preemption.Victim v : p.victims()) {
                if (refuses.test(v)) {
                    engine.evictionRefused(v.taskId());
                } else {
                    engine.removeTask(v.taskId());
                    running.merge(v.appKey(), -1, Integer::sum);
                }
            }
        }
        return r;
    }

    /** Runs cycles until one places and preempts nothing (at most {@code max}); returns the cycles run. */
    int settle(int max) {
        for (int i = 1; i <= max; i++) {
            List<Preemption> p = cycle();
            if (p.isEmpty() && quiet()) return i;
        }
        return max;
    }

    private boolean quiet() {
        budgets();
        CycleResult r = apply(engine.allocate());
        return r.decisions().isEmpty() && r.preemptions().isEmpty();
    }

    /** Cpus (millicores as given) allocated to the pool. */
    long cpus(String pool) {
        for (PoolFigures f : engine.poolFigures())
            if (f.name().equals(pool)) return f.allocated().cpus();
        throw new IllegalArgumentException(pool);
    }

    Map<String, Long> cpusByPool() {
        Map<String, Long> m = new HashMap<>();
        for (PoolFigures f : engine.poolFigures()) m.put(f.name(), f.allocated().cpus());
        return m;
    }

    TreeSet<String> victimPools() {
        TreeSet<String> s = new TreeSet<>();
        for (Preemption p : preemptions) for (Preemption.Victim v : p.victims()) s.add(v.pool());
        return s;
    }

    int victims() {
        int n = 0;
        for (Preemption p : preemptions) n += p.victims().size();
        return n;
    }
}
