package dev.datacenter.operator.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes matching one node selector, shared by every pool with an equal selector. Holds the free-capacity
 * indexes (GPU nodes apart from the others) and, built on first use, one index per value of an attribute.
 */
final class NodeGroup {

    private final LabelSelector selector;
    private int pools;
    private final TreeMap<String, NodeState> members = new TreeMap<>();
    private final FreeIndex plain = new FreeIndex();
    private final FreeIndex gpu = new FreeIndex();
    private final Map<String, TreeMap<String, FreeIndex[]>> byField = new HashMap<>();
    private Resources capacity = Resources.ZERO;
    private int offerableNodes;

    NodeGroup(LabelSelector selector) {
        this.selector = selector;
    }

    /** One more pool selects this group. */
    void share() {
        pools++;
    }

    /** One pool less selects this group; returns whether others still do. */
    boolean unshare() {
        return --pools > 0;
    }

    void admit(NodeState n) {
        members.put(n.name(), n);
    }

    void expel(NodeState n) {
        members.remove(n.name());
    }

    void expelAll() {
        members.clear();
    }

    /** Adds ({@code sign} 1) or removes (-1) an offerable member's allocatable to the group's totals. */
    void contribute(Resources allocatable, int sign) {
        capacity = NodeInventory.add(capacity, allocatable, sign);
        offerableNodes += sign;
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

    Resources capacity() {
        return capacity;
    }

    FreeIndex gpu() {
        return gpu;
    }

    TreeMap<String, NodeState> members() {
        return members;
    }

    int offerableNodes() {
        return offerableNodes;
    }

    LabelSelector selector() {
        return selector;
    }
}
