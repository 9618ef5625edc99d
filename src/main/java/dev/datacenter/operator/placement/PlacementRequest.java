package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One instance looking for a node, with what its rules need precomputed once (sticky CLUSTER values, colocation values). */
final class PlacementRequest {

    private final AppState app;
    private final int instance;
    private final PoolState pool;
    private final Resources resources;
    private final Pin pin;
    private final String[] sticky;
    private final List<Set<String>> colocValues;

    PlacementRequest(AppState app, int instance, NodeInventory inventory, Map<String, AppState> apps) {
        this.app = app;
        this.instance = instance;
        this.pool = app.pool();
        this.resources = app.spec().resources();
        this.pin = app.pinOf(instance);
        List<ConstraintEvaluator.Rule> rules = app.rules().rules();
        this.sticky = new String[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            ConstraintEvaluator.Rule r = rules.get(i);
            if (r.op() == Constraint.Operator.CLUSTER && r.value() == null)
                sticky[i] = firstValue(app, r.field(), inventory);
        }
        List<Colocation> coloc = app.spec().colocateWith();
        this.colocValues = coloc.isEmpty() ? List.of() : new ArrayList<>(coloc.size());
        for (Colocation c : coloc) {
            Set<String> values = new HashSet<>();
            AppState other = apps.get(c.appKey());
            if (other != null) {
                for (TaskRecord t : other.instances().values()) {
                    NodeState n = inventory.find(t.node());
                    String v = n == null ? null : n.attribute(c.field());
                    if (v != null) values.add(v);
                }
            }
            colocValues.add(values);
        }
    }

    /** The value of the lowest-ordinal placed instance (CLUSTER without a value sticks to it). */
    private static String firstValue(AppState app, String field, NodeInventory inventory) {
        String first = null;
        int firstOrdinal = Integer.MAX_VALUE;
        for (TaskRecord t : app.instances().values()) {
            if (t.instance() >= firstOrdinal) continue;
            NodeState n = inventory.find(t.node());
            String v = n == null ? null : n.attribute(field);
            if (v != null) {
                first = v;
                firstOrdinal = t.instance();
            }
        }
        return first;
    }

    /** The resources this instance may use on a node: the pool's free there plus its own hold. */
    Resources freeOn(NodeState n) {
        Resources free = n.freeFor(pool.name());
        if (pin != null && pin.holdResources() && pin.node().equals(n.name())) {
            Resources hold = n.holds().get(RunningTask.instanceId(app.key(), instance));
            if (hold != null && n.present()) {
                // the hold may have been clamped on an over-full node: never offer more than is physically there
                Resources physical = n.spec()
                        .allocatable()
                        .minus(n.used())
                        .minus(n.held())
                        .plus(hold)
                        .clampToZero();
                free = free.plus(hold).min(physical);
            }
        }
        return free;
    }

    AppState app() {
        return app;
    }

    List<Set<String>> colocValues() {
        return colocValues;
    }

    int instance() {
        return instance;
    }

    Pin pin() {
        return pin;
    }

    PoolState pool() {
        return pool;
    }

    Resources resources() {
        return resources;
    }

    String[] sticky() {
        return sticky;
    }
}
