package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenario 1: the same batches, in the same order, to each scheduler in the same JVM. Each
 * repetition starts from an empty cluster with a fresh scheduler; the time of every batch is kept,
 * and the final assignment of every repetition goes to the independent {@link Checker}.
 */
public final class PlacementBench {
    /** BENCH_TRACE=1 logs every batch's time to stderr. */
    static final boolean TRACE = System.getenv("BENCH_TRACE") != null;

    /** The figures of one scheduler on one workload. */
    public static final class Result {
        public final String scheduler;
        public final List<Double> batchMs = new ArrayList<>();
        /** Process CPU time per batch, ms. */
        public final List<Double> batchCpuMs = new ArrayList<>();
        /** Total scheduler time per repetition, ms. */
        public final List<Double> runMs = new ArrayList<>();
        public Checker.Report report;
        public int maxViolations;
        public String violationDetail = "";

        Result(String scheduler) { this.scheduler = scheduler; }

        public double medianBatchMs() { return Stats.median(batchMs); }

        public double medianRunMs() { return Stats.median(runMs); }

        public double usPerTask() {
            return report == null || report.placed() == 0 ? Double.NaN : medianRunMs() * 1000.0 / report.placed();
        }
    }

    /** Runs {@code reps} measured repetitions (after {@code warmups} unmeasured ones). */
    public static Result run(Workload w, Supplier<Placer> factory, int warmups, int reps) {
        Result res = null;
        for (int r = 0; r < warmups + reps; r++) {
            boolean measured = r >= warmups;
            System.gc(); // not timed: leave no garbage of the previous run to this one's batches
            try (Placer p = factory.get()) {
                if (res == null) res = new Result(p.name());
                p.start(w.nodes());
                Map<String, Integer> placement = new HashMap<>();
                long total = 0;
                List<Double> batches = new ArrayList<>();
                List<Double> cpus = new ArrayList<>();
                for (List<App> batch : w.batches()) {
                    Placer.BatchResult br = p.place(batch);
                    total += br.nanos();
                    batches.add(br.nanos() / 1e6);
                    cpus.add(br.cpuNanos() / 1e6);
                    if (TRACE) Bench.log(p.name() + " batch " + batches.size() + ": " + Stats.ms(br.nanos() / 1e6)
                            + " ms, placed " + br.placements().size());
                    for (Map.Entry<String, Integer> e : br.placements().entrySet()) {
                        if (placement.put(e.getKey(), e.getValue()) != null) {
                            throw new IllegalStateException(p.name() + " placed " + e.getKey() + " twice");
                        }
                    }
                }
                if (!measured) continue;
                res.batchMs.addAll(batches);
                res.batchCpuMs.addAll(cpus);
                res.runMs.add(total / 1e6);
                Checker.Report rep = Checker.check(w.nodes(), w.apps(), placement);
                if (res.report == null || rep.violations() >= res.maxViolations) {
                    res.violationDetail = rep.detail();
                }
                res.maxViolations = Math.max(res.maxViolations, rep.violations());
                res.report = rep;
            } catch (Exception e) {
                throw e instanceof RuntimeException re ? re : new RuntimeException(e);
            }
        }
        return res;
    }
}
