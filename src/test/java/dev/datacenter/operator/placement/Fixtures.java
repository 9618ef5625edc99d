package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Small builders shared by the placement tests. */
final class Fixtures {

    static final long GI = 1L << 30;

    private Fixtures() {}

    static NodeSpec node(String name, long cpus, long memGi, String... labels) {
        return NodeSpec.of(name, labels(labels), new Resources(cpus, memGi * GI, 0, 0));
    }

    static NodeSpec gpuNode(String name, long cpus, long memGi, long gpus, String... labels) {
        return NodeSpec.of(name, labels(labels), new Resources(cpus, memGi * GI, gpus, 0));
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static AppSpec app(String key, long cpus, long memGi, Constraint... constraints) {
        return AppSpec.of(key, PoolSpec.DEFAULT_POOL, Resources.of(cpus, memGi * GI))
                .withConstraints(List.of(constraints));
    }

    static List<Integer> ordinals(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void submit(PlacementEngine e, AppSpec spec, int instances) {
        e.upsertApp(spec);
        e.setPending(spec.key(), ordinals(instances));
    }

    static Map<String, Integer> countByNode(List<OfferDecision> ds) {
        Map<String, Integer> m = new HashMap<>();
        for (OfferDecision d : ds) m.merge(d.node(), 1, Integer::sum);
        return m;
    }

    static List<OfferDecision> of(CycleResult r, String appKey) {
        List<OfferDecision> out = new ArrayList<>();
        for (OfferDecision d : r.decisions()) if (d.appKey().equals(appKey)) out.add(d);
        return out;
    }

    static Constraint c(String field, Constraint.Operator op) {
        return Constraint.of(field, op);
    }

    static Constraint c(String field, Constraint.Operator op, String value) {
        return Constraint.of(field, op, value);
    }
}
