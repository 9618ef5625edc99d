package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Node;
import dev.datacenter.operator.placement.AppSpec;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.NodeSpec;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.Resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our engine driven as the operator drives it: nodes upserted once (not timed); per batch, each app
 * upserted with its pending instances, one {@code allocate()} cycle, and every decision committed (as
 * after a successful pod write). Timed: the upserts, the cycle and the commits.
 */
public final class OursPlacer implements Placer {
    private PlacementEngine engine;
    private final Map<String, Integer> nodeIndex = new HashMap<>();

    @Override public String name() { return "ours"; }

    @Override
    public void start(List<Node> nodes) {
        engine = new PlacementEngine();
        for (Node n : nodes) {
            nodeIndex.put(n.name(), n.index());
            engine.upsertNode(NodeSpec.of(n.name(), n.labels(), resources(n.cpus(), n.memMiB())));
        }
    }

    static Resources resources(double cpus, double memMiB) {
        return Resources.of(Math.round(cpus * 1000), Math.round(memMiB * 1024 * 1024));
    }

    static List<dev.datacenter.operator.placement.Constraint> constraints(List<Model.Constraint> cs) {
        List<dev.datacenter.operator.placement.Constraint> out = new ArrayList<>(cs.size());
        for (Model.Constraint c : cs) {
            out.add(dev.datacenter.operator.placement.Constraint.of(c.field(),
                    dev.datacenter.operator.placement.Constraint.Operator.valueOf(c.operator()), c.value()));
        }
        return out;
    }

    @Override
    public BatchResult place(List<App> batch) {
        List<AppSpec> specs = new ArrayList<>(batch.size());
        List<List<Integer>> pending = new ArrayList<>(batch.size());
        for (App a : batch) {
            specs.add(AppSpec.of(a.id, null, resources(a.cpus, a.memMiB)).withConstraints(constraints(a.constraints)));
            List<Integer> ords = new ArrayList<>(a.tasks.size());
            for (int i = 0; i < a.tasks.size(); i++) ords.add(i);
            pending.add(ords);
        }
        long c0 = Placer.threadsCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
            engine.upsertApp(specs.get(i));
            engine.setPending(specs.get(i).key(), pending.get(i));
        }
        CycleResult r = engine.allocate();
        for (OfferDecision d : r.decisions()) engine.commit(d);
        long nanos = System.nanoTime() - t0;
        long cpu = Placer.threadsCpuNanos() - c0;
        Map<String, Integer> placed = new HashMap<>();
        for (OfferDecision d : r.decisions()) placed.put(d.appKey() + "." + d.instance(), nodeIndex.get(d.node()));
        return new BatchResult(placed, nanos, cpu);
    }

    @Override
    public void close() { engine = null; }
}
