package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * All nodes, their node groups and the cluster totals. Every change of a node's accounting goes through
 * {@link #update}, which takes the node out of its indexes, applies the change, recomputes its free
 * resources, and puts it back, keeping cluster and pool totals right by deltas (never by rescans).
 */
final class NodeInventory {

    private final TreeMap<String, NodeState> nodes = new TreeMap<>();
    private final HashMap<String, NodeState> byName = new HashMap<>();
    private final Map<LabelSelector, NodeGroup> groups = new LinkedHashMap<>();
    private Resources capacity = Resources.ZERO;
    private Resources generalFree = Resources.ZERO;
    /** Nodes with a PreferNoSchedule taint: while none, the search never looks at taints for ranking. */
    private int softTainted;

    private final Function<String, PoolState> pools;

    NodeInventory(Function<String, PoolState> pools) {
        this.pools = pools;
    }

    NodeState find(String name) {
        return byName.get(name);
    }

    NodeState getOrCreate(String name) {
        NodeState n = byName.get(name);
        if (n == null) {
            n = new NodeState(name);
            byName.put(name, n);
            nodes.put(name, n);
        }
        return n;
    }

    void forget(NodeState n) {
        byName.remove(n.name());
        nodes.remove(n.name());
    }

    /** Applies {@code change} to the node's accounting and re-indexes it. */
    void update(NodeState n, Runnable change) {
        n.unindex();
        contribute(n, -1);
        if (n.softTaints() != null) softTainted--;
        change.run();
        if (n.softTaints() != null) softTainted++;
        n.recompute();
        contribute(n, +1);
        index(n);
    }

    /**
     * {@link #update} for a change of usage only (tasks, used resources, pods, ports, usage by pool), never of
     * spec, groups or reservations: on an offerable node without reservations the totals move by the change of
     * its general free alone, so the rest of the bookkeeping is skipped.
     */
    void updateUsage(NodeState n, Runnable change) {
        if (!n.offerable() || n.hasReservations()) {
            update(n, change);
            return;
        }
        n.unindex();
        Resources before = n.generalFree();
        change.run();
        n.recompute();
        if (!before.equals(n.generalFree()))
            generalFree = generalFree.minus(before).plus(n.generalFree());
        index(n);
    }

    /** Re-evaluates which groups the node belongs to (after a label change); call inside {@link #update}. */
    void regroup(NodeState n) {
        for (NodeGroup g : n.groups()) g.expel(n);
        n.leaveAllGroups();
        if (!n.present()) return;
        for (NodeGroup g : groups.values()) {
            if (g.selector().matches(n.spec().labels())) {
                n.join(g);
                g.admit(n);
            }
        }
    }

    /** The group for a selector, created and filled on first use. */
    NodeGroup acquire(LabelSelector selector) {
        NodeGroup g = groups.get(selector);
        if (g == null) {
            NodeGroup created = new NodeGroup(selector);
            groups.put(selector, created);
            for (NodeState n : nodes.values()) {
                if (n.present() && selector.matches(n.spec().labels())) {
                    update(n, () -> {
                        n.join(created);
                        created.admit(n);
                    });
                }
            }
            g = created;
        }
        g.share();
        return g;
    }

    void release(NodeGroup g) {
        if (g.unshare()) return;
        groups.remove(g.selector());
        for (NodeState n : new ArrayList<>(g.members().values())) {
            update(n, () -> n.leave(g));
        }
        g.expelAll();
    }

    private void index(NodeState n) {
        if (!n.offerable()) return;
        for (int i = 0; i < n.groups().size(); i++) n.groups().get(i).index(n);
    }

    private void contribute(NodeState n, int sign) {
        if (!n.offerable()) return;
        Resources alloc = n.spec().allocatable();
        capacity = add(capacity, alloc, sign);
        generalFree = add(generalFree, n.generalFree(), sign);
        for (int i = 0; i < n.groups().size(); i++) {
            n.groups().get(i).contribute(alloc, sign);
        }
        for (Map.Entry<String, Resources> e : n.reservedByPool().entrySet()) {
            PoolState p = pools.apply(e.getKey());
            if (p == null) continue;
            p.contributeReservation(n, e.getValue(), n.unusedReserved().get(e.getKey()), sign);
        }
    }

    static Resources add(Resources a, Resources b, int sign) {
        return sign > 0 ? a.plus(b) : a.minus(b);
    }

    Resources capacity() {
        return capacity;
    }

    Resources generalFree() {
        return generalFree;
    }

    TreeMap<String, NodeState> nodes() {
        return nodes;
    }

    int softTainted() {
        return softTainted;
    }
}
