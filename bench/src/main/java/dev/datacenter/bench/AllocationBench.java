package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Node;
import dev.datacenter.operator.placement.AppSpec;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.LabelSelector;
import dev.datacenter.operator.placement.NodeSpec;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.PoolSpec;
import dev.datacenter.operator.placement.Resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scenarios 2 and 3: one allocation cycle of our engine (ours only; the anchors are Mesos's published
 * HierarchicalAllocator figures). Each repetition feeds a fresh engine (not timed), then times one
 * {@code allocate()} that places every waiting instance it can.
 */
final class AllocationBench {
    private AllocationBench() {}

    /** A pool of the shape, with its guarantee (cpus, MiB; 0 for none) and weight. */
    record Pool(String name, double weight, double guaranteeCpus, double guaranteeMemMiB) {}

    /** A cluster, pools and apps (each app's instances all pending, in its pool). */
    record Shape(String name, List<Node> nodes, List<Pool> pools, List<App> apps, Map<String, String> poolOf) {}

    /** The figures of one shape. */
    static final class Outcome {
        final List<Double> cycleMs = new ArrayList<>();
        final List<Double> cycleCpuMs = new ArrayList<>();
        double unchangedMs = Double.NaN;
        double oneEndedMs = Double.NaN;
        int placed;
        int pending;
        Checker.Report report;
        List<PoolFigures> pools = List.of();
    }

    static void run(boolean quick, long seed) {
        int reps = quick ? 3 : 7;
        List<String[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        Bench.log("allocation: warm-up");
        measure(cluster("warm-up", 2_000, 300, 1, 40, seed + 1), 2, false);

        Shape one1k = cluster("one pool", 10_000, 1_000, 1, 40, seed);
        Bench.log("allocation: 10,000 nodes x 1,000 apps, one pool");
        Outcome o1 = measure(one1k, reps, true);
        rows.add(row("one pool", one1k, o1, "1.06 s (Mesos 1.7, 1,000 frameworks)"));
        rows.add(new String[] {"unchanged (right after the cycle above)", Stats.count(one1k.nodes.size()),
                Stats.count(one1k.apps.size()), Stats.ms(o1.unchangedMs), "—", ""});
        rows.add(new String[] {"one task ended, then a cycle (after the cycle above)", Stats.count(one1k.nodes.size()),
                Stats.count(one1k.apps.size()), Stats.ms(o1.oneEndedMs), "—", ""});
        notes.add(note("one pool, 1,000 apps", o1));
        one1k = null;

        Shape one3k = cluster("one pool", 10_000, 3_000, 1, 40, seed);
        Bench.log("allocation: 10,000 nodes x 3,000 apps, one pool");
        Outcome o3 = measure(one3k, reps, false);
        rows.add(row("one pool", one3k, o3, "2.4 to 2.8 s (Mesos, 3,000 frameworks)"));
        notes.add(note("one pool, 3,000 apps", o3));
        one3k = null;

        Shape weighted = cluster("10 weighted pools", 10_000, 1_000, 10, 40, seed);
        Bench.log("allocation: 10,000 nodes x 1,000 apps, 10 weighted pools");
        Outcome ow = measure(weighted, reps, false);
        rows.add(row("10 weighted pools (weights 1 to 10)", weighted, ow, "—"));
        notes.add(note("10 weighted pools", ow) + "; " + shares(ow.pools));
        weighted = null;

        Shape guarantees = guarantees();
        Bench.log("allocation: guarantees, 3,000 nodes, 3,000 pools");
        Outcome og = measure(guarantees, reps, true);
        rows.add(row("guarantees (2,500 half-node + 500 two-node)", guarantees, og, "15.4 to 16.9 s (Mesos, LargeAndSmallQuota)"));
        rows.add(new String[] {"unchanged (right after the guarantee cycle)", Stats.count(guarantees.nodes.size()),
                Stats.count(guarantees.apps.size()), Stats.ms(og.unchangedMs), "13 to 15 s (Mesos, a cycle that allocates nothing)", ""});
        rows.add(new String[] {"one task ended, then a cycle (after the guarantee cycle)", Stats.count(guarantees.nodes.size()),
                Stats.count(guarantees.apps.size()), Stats.ms(og.oneEndedMs), "—", ""});
        notes.add(note("guarantees", og) + "; " + guaranteesMet(guarantees, og.pools));

        System.out.println("### Scenarios 2 and 3: allocation cycles (ours only)");
        System.out.println();
        Bench.table(new String[] {"scenario", "nodes", "apps", "ours (ms/cycle)", "anchor (published)",
                "ours, thread CPU (ms/cycle)"}, rows);
        System.out.println();
        System.out.println("Median of " + reps + " full cycles, each on a freshly fed engine (feeding not timed); "
                + "\"unchanged\": median of 1,000 allocate() calls right after a full cycle with nothing new; "
                + "\"one task ended\": one placed task removed, then one allocate() (median over the repetitions). "
                + "The last column is the cycle's CPU time on its (single) thread: the engine's own cost, without "
                + "the waits of a shared, loaded machine. "
                + "Anchors are Mesos's published figures, other hardware and other implementation: a scale, not a ratio.");
        System.out.println();
        System.out.println("Notes:");
        System.out.println("- Scenario 2 shapes: nodes of 8 cores / 32 GiB (3 zones, 50 racks); every app has 40 pending "
                + "instances of 1, 2 or 4 cores with 1, 2 or 4 GiB per core and no constraint (about 93,000 cores "
                + "wanted by 1,000 apps, 280,000 by 3,000, for 80,000 cores: the cluster fills, DRF decides). "
                + "Weighted: the 1,000 apps spread over 10 pools of weights 1 to 10.");
        System.out.println("- Scenario 3 shape: 3,000 nodes of 2 cpus / 2 GiB; 2,500 pools guaranteed 1 cpu / 1 GiB, "
                + "each with one app of 4 pending instances of 0.5 cpu / 0.5 GiB; 500 pools guaranteed 4 cpus / 4 GiB, "
                + "each with one app of 8 pending instances of 1 cpu / 1 GiB (9,000 cpus wanted, 6,000 there, "
                + "4,500 guaranteed).");
        for (String n : notes) System.out.println("- " + n);
        System.out.println();
    }

    static String[] row(String name, Shape s, Outcome o, String anchor) {
        return new String[] {name, Stats.count(s.nodes.size()), Stats.count(s.apps.size()),
                Stats.ms(Stats.median(o.cycleMs)), anchor, Stats.ms(Stats.median(o.cycleCpuMs))};
    }

    static String note(String name, Outcome o) {
        return name + ": placed " + Stats.count(o.placed) + " of " + Stats.count(o.pending)
                + " pending instances, nodes used " + Stats.count(o.report.nodesUsed())
                + ", checker: " + o.report.detail();
    }

    /** Pools whose demand is not met should have equal weighted shares (DRF). */
    static String shares(List<PoolFigures> pools) {
        double min = Double.MAX_VALUE;
        double max = 0;
        StringBuilder sb = new StringBuilder("dominant share per pool (weight): ");
        for (PoolFigures p : pools) {
            if (p.name().equals(PoolSpec.DEFAULT_POOL)) continue;
            sb.append(p.name()).append(' ').append(Stats.num(p.dominantShare(), 3)).append(", ");
            if (p.pendingInstances() > 0) {
                min = Math.min(min, p.weightedShare());
                max = Math.max(max, p.weightedShare());
            }
        }
        if (max > 0) sb.append("weighted share of the pools still waiting: ").append(Stats.num(min, 4))
                .append(" to ").append(Stats.num(max, 4));
        return sb.toString();
    }

    static String guaranteesMet(Shape s, List<PoolFigures> figures) {
        Map<String, PoolFigures> byName = new HashMap<>();
        for (PoolFigures f : figures) byName.put(f.name(), f);
        int met = 0;
        List<String> missed = new ArrayList<>();
        for (Pool p : s.pools) {
            PoolFigures f = byName.get(p.name);
            Resources g = resources(p.guaranteeCpus, p.guaranteeMemMiB);
            if (f != null && g.fitsIn(f.allocated())) met++;
            else if (missed.size() < 5) missed.add(p.name + (f == null ? " (no figures)" : " allocated " + f.allocated()));
        }
        return "**guarantees met: " + Stats.count(met) + " of " + Stats.count(s.pools.size()) + "**"
                + (missed.isEmpty() ? "" : " (missed, first ones: " + String.join(", ", missed) + ")");
    }

    static Outcome measure(Shape s, int reps, boolean incremental) {
        Outcome out = new Outcome();
        for (int r = 0; r < reps; r++) {
            PlacementEngine engine = feed(s);
            System.gc();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CycleResult res = engine.allocate();
            out.cycleMs.add((System.nanoTime() - t0) / 1e6);
            out.cycleCpuMs.add((THREADS.getCurrentThreadCpuTime() - c0) / 1e6);
            if (r == reps - 1) {
                Map<String, Integer> idx = new HashMap<>();
                for (Node n : s.nodes) idx.put(n.name(), n.index());
                Map<String, Integer> placement = new HashMap<>();
                for (OfferDecision d : res.decisions()) placement.put(d.appKey() + "." + d.instance(), idx.get(d.node()));
                out.placed = res.decisions().size();
                out.pending = 0;
                for (App a : s.apps) out.pending += a.tasks.size();
                out.report = Checker.check(s.nodes, s.apps, placement);
                out.pools = engine.poolFigures();
            }
            if (incremental) {
                if (r == reps - 1) {
                    List<Double> un = new ArrayList<>();
                    for (int i = 0; i < 1_000; i++) {
                        long u0 = System.nanoTime();
                        engine.allocate();
                        un.add((System.nanoTime() - u0) / 1e6);
                    }
                    out.unchangedMs = Stats.median(un);
                }
                if (!res.decisions().isEmpty()) {
                    OfferDecision d = res.decisions().get(res.decisions().size() / 2);
                    engine.removeTask(d.taskId());
                    long e0 = System.nanoTime();
                    engine.allocate();
                    double ms = (System.nanoTime() - e0) / 1e6;
                    out.oneEndedMs = Double.isNaN(out.oneEndedMs) ? ms : out.oneEndedMs; // first, then median below
                    oneEnded.add(ms);
                }
            }
        }
        if (!oneEnded.isEmpty()) out.oneEndedMs = Stats.median(oneEnded);
        oneEnded.clear();
        return out;
    }

    private static final List<Double> oneEnded = new ArrayList<>();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static PlacementEngine feed(Shape s) {
        PlacementEngine engine = new PlacementEngine();
        for (Node n : s.nodes) engine.upsertNode(NodeSpec.of(n.name(), n.labels(), OursPlacer.resources(n.cpus(), n.memMiB())));
        for (Pool p : s.pools) {
            engine.upsertPool(new PoolSpec(p.name, LabelSelector.EVERYTHING, p.weight,
                    resources(p.guaranteeCpus, p.guaranteeMemMiB), Resources.UNLIMITED, List.of()));
        }
        for (App a : s.apps) {
            engine.upsertApp(AppSpec.of(a.id, s.poolOf.get(a.id), OursPlacer.resources(a.cpus, a.memMiB)));
            List<Integer> ords = new ArrayList<>(a.tasks.size());
            for (int i = 0; i < a.tasks.size(); i++) ords.add(i);
            engine.setPending(a.id, ords);
        }
        return engine;
    }

    static Resources resources(double cpus, double memMiB) {
        return cpus == 0 && memMiB == 0 ? Resources.ZERO : OursPlacer.resources(cpus, memMiB);
    }

    /** Scenario 2: nodes of 8 cores / 32 GiB; apps of {@code instances} pending instances; pools of weights 1..n. */
    static Shape cluster(String name, int nodes, int apps, int poolCount, int instances, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Pool> pools = new ArrayList<>();
        if (poolCount > 1) for (int p = 0; p < poolCount; p++) pools.add(new Pool(String.format("pool-%02d", p), p + 1, 0, 0));
        List<App> list = new ArrayList<>();
        Map<String, String> poolOf = new HashMap<>();
        for (int a = 0; a < apps; a++) {
            int cpus = new int[] {1, 2, 4}[rnd.nextInt(3)];
            int memPerCore = new int[] {1024, 2048, 4096}[rnd.nextInt(3)];
            App app = new App(String.format("app-%05d", a), cpus, (double) cpus * memPerCore, List.of(), instances);
            list.add(app);
            poolOf.put(app.id, poolCount > 1 ? pools.get(a % poolCount).name : PoolSpec.DEFAULT_POOL);
        }
        return new Shape(name, Gen.nodes(nodes, 8, 32 * 1024), pools, list, poolOf);
    }

    /** Scenario 3 (Mesos LargeAndSmallQuota shape). */
    static Shape guarantees() {
        List<Pool> pools = new ArrayList<>();
        List<App> apps = new ArrayList<>();
        Map<String, String> poolOf = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            boolean small = i < 2_500;
            Pool p = new Pool(String.format("%s-%04d", small ? "half" : "two", i), 1,
                    small ? 1 : 4, small ? 1024 : 4096);
            pools.add(p);
            App a = small ? new App(String.format("app-%04d", i), 0.5, 512, List.of(), 4)
                    : new App(String.format("app-%04d", i), 1, 1024, List.of(), 8);
            apps.add(a);
            poolOf.put(a.id, p.name);
        }
        return new Shape("guarantees", Gen.nodes(3_000, 2, 2048), pools, apps, poolOf);
    }
}
