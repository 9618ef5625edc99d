package dev.datacenter.operator.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes matching one node selector, shared by every pool with an equal selector. Holds the free-capacity
 * indexes (GPU nodes apart from the others) and, built on first use, one index per value of an attribute.
 */
final class NodeGroup {

    final LabelSelector selector;
    int pools;
    final TreeMap<String, NodeState> members = new TreeMap<>();
    final FreeIndex plain = new FreeIndex();
    final FreeIndex gpu = new FreeIndex();
    private final Map<String, TreeMap<String, FreeIndex[]>> byField = new HashMap<>();
    Resources capacity = Resources.ZERO;
    int offerableNodes;

    NodeGroup(LabelSelector selector) {
        this.selector = selector;
    }

    FreeIndex main(boolean gpuNodes) {
        return gpuNodes ? gpu : plain;
    }

    /** Adds an offerable node to every index of this group. */
    void index(NodeState n) {
        boolean g = n.gpuNode();
        main(g).add(n);
        for (Map.Entry<String, TreeMap<String, FreeIndex[]>> e : byField.entrySet()) {
            String v = n.attribute(e.getKey());
            if (v != null) sub(e.getValue(), v)[g ? 1 : 0].add(n);
        }
    }

    /** Per-value indexes of a field ({@code [0]} non-GPU nodes, {@code [1]} GPU nodes), built on first use. */
    TreeMap<String, FreeIndex[]> field(String field) {
        TreeMap<String, FreeIndex[]> values = byField.get(field);
        if (values == null) {
            values = new TreeMap<>();
            byField.put(field, values);
            for (NodeState n : members.values()) {
                if (!n.offerable()) continue;
                String v = n.attribute(field);
                if (v != null) sub(values, v)[n.gpuNode() ? 1 : 0].add(n);
            }
        }
        return values;
    }

    private static FreeIndex[] sub(TreeMap<String, FreeIndex[]> values, String v) {
        return values.computeIfAbsent(v, k -> new FreeIndex[] {new FreeIndex(), new FreeIndex()});
    }
}
