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

    static final Comparator<NodeState> ORDER = (a, b) -> {
        int c = Long.compare(a.keyCpu(), b.keyCpu());
        if (c != 0) return c;
        c = Long.compare(a.keyMem(), b.keyMem());
        return c != 0 ? c : a.name().compareTo(b.name());
    };

    private final TreeSet<NodeState> nodes = new TreeSet<>(ORDER);
    /** Reused lookup key: the engine is single-threaded and a view's lower bound is read only when iteration starts. */
    private final NodeState probe = NodeState.probe(0, 0);

    /** Sum of the indexed nodes' free cpus (their frozen keys). */
    private long freeCpu;

    void add(NodeState n) {
        if (nodes.add(n)) {
            n.indexedIn(this);
            freeCpu += n.keyCpu();
        }
    }

    void remove(NodeState n) {
        if (nodes.remove(n)) freeCpu -= n.keyCpu();
    }

    /** Nodes whose free cpus and memory could hold the request, fullest first. Iterate at once (shared probe). */
    NavigableSet<NodeState> atLeast(long cpus, long mem) {
        probe.probeAt(cpus, mem);
        return nodes.tailSet(probe, true);
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    int size() {
        return nodes.size();
    }

    long freeCpu() {
        return freeCpu;
    }
}
