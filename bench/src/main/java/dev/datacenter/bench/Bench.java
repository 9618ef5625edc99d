package dev.datacenter.bench;

import dev.datacenter.bench.Model.Workload;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Entry point: prints the machine, then Markdown tables for scenario 1 (ours against Fenzo 0.9.3)
 * and scenarios 2 and 3 (allocation cycles, ours only). Progress goes to stderr.
 *
 * <p>Options: {@code --quick} (fewer repetitions), {@code --seed N}, {@code --sizes 2000,10000},
 * {@code --mixes none,UNIQUE,GROUP_BY,mix}, {@code --reps N}, {@code --fenzo-reps N},
 * {@code --only placement|alloc|preemption}, {@code --fenzo-good-enough F}.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        long seed = 42;
        List<Integer> sizes = List.of(2_000, 10_000);
        List<String> mixes = Gen.MIXES;
        Integer reps = null;
        Integer fenzoReps = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick": quick = true; break;
                case "--seed": seed = Long.parseLong(args[++i]); break;
                case "--sizes": sizes = parseInts(args[++i]); break;
                case "--mixes": mixes = List.of(args[++i].split(",")); break;
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--fenzo-reps": fenzoReps = Integer.parseInt(args[++i]); break;
                case "--only": only = args[++i]; break;
                case "--fenzo-good-enough": FenzoPlacer.goodEnough = Double.parseDouble(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int oursReps = reps != null ? reps : quick ? 3 : 7;
        int peerReps = fenzoReps != null ? fenzoReps : reps != null ? reps : quick ? 1 : 3;

        Checker.selfTest();
        System.out.println("## Placement benchmark" + (quick ? " (--quick)" : ""));
        System.out.println();
        System.out.println(machine());
        System.out.println();

        if (only == null || only.equals("placement")) {
            placement(sizes, mixes, seed, oursReps, peerReps);
        }
        if (only == null || only.equals("alloc")) {
            AllocationBench.run(quick, seed);
        }
        if (only == null || only.equals("preemption")) {
            PreemptionBench.run(quick, seed);
        }
        System.out.println(String.format(Locale.ROOT, "Load average at the end: %.1f (on %d cores); run took %.0f s.",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT,
                "Machine: %d cores, %s %s (%s), max heap %,d MiB, GC %s, %s %s; load average at start %.1f",
                rt.availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"),
                rt.maxMemory() / (1024 * 1024),
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(b -> b.getName()).toList()),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static void placement(List<Integer> sizes, List<String> mixes, long seed, int oursReps, int peerReps) {
        Supplier<Placer> ours = Ours.placer();
        Supplier<Placer> fenzo = FenzoPlacer::new;

        // JIT warm-up for both on a small workload, not measured.
        Workload warm = Gen.workload("mix", 2_000, 6_000, seed + 1);
        if (peerReps == 0) fenzo = null;
        log("warm-up (2,000 nodes, mix)");
        if (ours != null) {
            PlacementBench.run(warm, ours, 2, 0);
            if (sizes.stream().anyMatch(n -> n > 2_000)) {
                log("warm-up (10,000 nodes, mix, ours only: cheap, and its first large run still JIT-compiles)");
                PlacementBench.run(Gen.workload("mix", 10_000, 20_000, seed + 1), ours, 1, 0);
            }
        }
        if (fenzo != null) PlacementBench.run(warm, fenzo, 1, 0);

        List<String[]> rows = new ArrayList<>();
        List<String[]> quality = new ArrayList<>();
        for (int size : sizes) {
            int tasks = size <= 2_000 ? 6_000 : 20_000;
            for (String mix : mixes) {
                Workload w = Gen.workload(mix, size, tasks, seed);
                PlacementBench.Result o = null;
                if (ours != null) {
                    log("ours  " + mix + " " + size + " nodes, " + tasks + " tasks, " + oursReps + " reps");
                    o = PlacementBench.run(w, ours, 0, oursReps);
                    log("  -> " + Stats.ms(o.medianBatchMs()) + " ms/batch, " + o.violationDetail);
                }
                PlacementBench.Result f;
                if (fenzo != null) {
                    log("fenzo " + mix + " " + size + " nodes, " + tasks + " tasks, " + peerReps + " reps");
                    f = PlacementBench.run(w, fenzo, 0, peerReps);
                    log("  -> " + Stats.ms(f.medianBatchMs()) + " ms/batch, " + f.violationDetail);
                } else {
                    f = o; // --fenzo-reps 0: ours only (its figures stand in the peer's columns too)
                }

                double om = o == null ? Double.NaN : o.medianBatchMs();
                double fm = f.medianBatchMs();
                rows.add(new String[] {
                        mix, Stats.count(size), Stats.count(w.taskCount()),
                        Stats.ms(om), Stats.ms(fm),
                        o == null ? "n/a" : Stats.num(fm / om, 1) + "×",
                        (o == null ? "n/a" : Stats.count(o.report.placed())) + " / " + Stats.count(f.report.placed()),
                        (o == null ? "n/a" : Stats.count(o.maxViolations)) + " / " + Stats.count(f.maxViolations)});
                int lb = f.report.lowerBound();
                quality.add(new String[] {
                        mix, Stats.count(size), Stats.count(lb),
                        o == null ? "n/a" : Stats.count(o.report.nodesUsed()) + " (" + pct(o.report.nodesUsed(), lb) + ")",
                        Stats.count(f.report.nodesUsed()) + " (" + pct(f.report.nodesUsed(), lb) + ")",
                        o == null ? "n/a" : Stats.num(o.usPerTask(), 1),
                        Stats.num(f.usPerTask(), 1),
                        o == null ? "n/a" : Stats.count(Math.round(1e6 / o.usPerTask())),
                        Stats.count(Math.round(1e6 / f.usPerTask())),
                        (o == null ? "n/a" : Stats.ms(Stats.mean(o.batchMs)) + " / " + Stats.ms(Stats.max(o.batchMs))),
                        Stats.ms(Stats.mean(f.batchMs)) + " / " + Stats.ms(Stats.max(f.batchMs)),
                        (o == null ? "n/a" : Stats.ms(Stats.median(o.batchCpuMs))) + " / "
                                + Stats.ms(Stats.median(f.batchCpuMs))
                                + (o == null ? "" : " (" + Stats.num(Stats.median(f.batchCpuMs) / Stats.median(o.batchCpuMs), 0) + "×)"),
                        (o == null ? "n/a" : Stats.count(o.report.unplacedButFit())) + " / "
                                + Stats.count(f.report.unplacedButFit())});
            }
        }
        System.out.println("### Scenario 1: placement with constraints (batches of 200 tasks)");
        System.out.println();
        table(new String[] {"scenario", "nodes", "tasks", "ours (ms/batch)", "fenzo 0.9.3 (ms/batch)",
                "speed-up", "placed", "violations"}, rows);
        System.out.println();
        System.out.println("Median over every batch of " + oursReps + " repetition(s) for ours, "
                + peerReps + " for Fenzo (each repetition: a fresh scheduler, an empty cluster, all batches). "
                + "placed and violations: ours / fenzo; violations counted by the bench's own checker "
                + "(capacity, every constraint, GROUP_BY skew > 1 among zones with room), worst repetition.");
        System.out.println();
        System.out.println("### Scenario 1: quality and rate");
        System.out.println();
        table(new String[] {"scenario", "nodes", "lower bound (nodes)", "nodes used: ours", "nodes used: fenzo",
                "ours µs/task", "fenzo µs/task", "ours tasks/s", "fenzo tasks/s", "ours mean / max ms/batch",
                "fenzo mean / max ms/batch", "threads' CPU ms/batch, median (ours / fenzo)", "unplaced that fit (ours / fenzo)"},
                quality);
        System.out.println();
        System.out.println(footnotes());
        System.out.println();
    }

    static String footnotes() {
        return String.join("\n",
            "Notes:",
            "- Nodes: 8 cores / 32 GiB, node i in rack i mod 50, rack r in zone r mod 3. Apps of 20 identical "
                    + "tasks of 1, 2 or 4 cores with 1, 2 or 4 GiB per core; a batch is 10 whole apps. "
                    + "mix: a fifth each of UNIQUE @hostname, GROUP_BY @zone 3, CLUSTER rack:rack-NN, "
                    + "LIKE rack:rack-[0-2][0-9], and UNIQUE @hostname + GROUP_BY @zone.",
            "- Lower bound: ceil(max(total cpus / 8, total memory / 32 GiB)) over all tasks.",
            "- µs/task: a repetition's total scheduler time / tasks placed (median repetition); unlike the median "
                    + "ms/batch it includes the slow batches (GC pauses, JIT, a busy shared machine), as do mean and max.",
            "- Fenzo: leases re-offered between batches with each used node's remaining resources, task assigner "
                    + "called for every assignment; GROUP_BY is its BalancedHostAttrConstraint, which refuses a "
                    + "value whose count is already the maximum unless all are equal (it balances among the "
                    + "values in use, not among the values with room); LIKE uses a regex ConstraintEvaluator "
                    + "written for the bench (Fenzo has none). Fenzo evaluates hosts on a thread pool "
                    + "(all cores); the time counted is scheduleOnce plus the assigner calls. Fenzo's fitness "
                    + "\"good enough\" function is " + (Double.isNaN(FenzoPlacer.goodEnough)
                            ? "its default (never good enough: every host is evaluated for every task)"
                            : "fitness >= " + FenzoPlacer.goodEnough + " (stops at the first such host)") + ".",
            "- threads' CPU ms/batch: CPU time of all Java threads (the caller and Fenzo's pool; not GC or JIT) "
                    + "during the timed part of a batch, median over batches, with the ratio fenzo / ours; on a "
                    + "loaded shared machine it shows the work done, where wall time also shows the waiting.",
            "- unplaced that fit: tasks left unplaced although, at the end, some node could still take one of "
                    + "them within its resources and constraints (0 means everything that fits was placed).");
    }

    static String pct(int used, int lb) {
        if (lb == 0) return "n/a";
        double p = 100.0 * (used - lb) / lb;
        return (p < 0 ? "−" : "+") + Stats.num(Math.abs(p), 1) + " %";
    }

    static void table(String[] header, List<String[]> rows) {
        System.out.println("| " + String.join(" | ", header) + " |");
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < header.length; i++) sep.append(i == 0 ? "---|" : "---:|");
        System.out.println(sep);
        for (String[] r : rows) System.out.println("| " + String.join(" | ", r) + " |");
    }

    static List<Integer> parseInts(String s) {
        List<Integer> xs = new ArrayList<>();
        for (String p : s.split(",")) xs.add(Integer.parseInt(p.trim()));
        return xs;
    }

    static void log(String msg) {
        System.err.println("[bench] " + msg);
    }
}
