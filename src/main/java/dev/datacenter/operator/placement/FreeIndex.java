package dev.datacenter.operator.placement;

import java.util.Comparator;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A set of offerable nodes ordered by free capacity (cpus, then memory, then name): the fullest node that
 * can still hold a request is found by a ceiling lookup, which is what makes best-fit bin packing cheap.
 * The ordering key is frozen in the node while it is indexed ({@link NodeInventory} re-indexes on change).
 */
final class FreeIndex {

    static final Comparator<NodeState> ORDER = Comparator.comparingLong((NodeState n) -> n.keyCpu)
            .thenComparingLong(n -> n.keyMem)
            .thenComparing(n -> n.name);

    private final TreeSet<NodeState> nodes = new TreeSet<>(ORDER);

    void add(NodeState n) {
        if (nodes.add(n)) n.memberships.add(this);
    }

    void remove(NodeState n) {
        nodes.remove(n);
    }

    /** Nodes whose free cpus and memory could hold the request, fullest first. */
    NavigableSet<NodeState> atLeast(long cpus, long mem) {
        return nodes.tailSet(NodeState.probe(cpus, mem), true);
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    int size() {
        return nodes.size();
    }
}
