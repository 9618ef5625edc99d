package dev.datacenter.operator.placement;

import java.util.TreeMap;

/** The engine's mutable view of one pool: its node group, allocation, reservations and demand. */
final class PoolState {

    private final String name;
    private PoolSpec spec;
    private boolean declared;
    private NodeGroup group;
    private Resources allocated = Resources.ZERO;
    private Resources reservedUnused = Resources.ZERO;
    private Resources reservedTotal = Resources.ZERO;
    private final TreeMap<String, AppState> apps = new TreeMap<>();
    private final TreeMap<String, NodeState> reservationNodes = new TreeMap<>();
    private int demand;
    /** Victims evicted for this pool (chosen, less those whose eviction was refused). */
    private long preemptions;

    private Resources unmetCounted = Resources.ZERO;
    private final PoolLedger ledger;

    private FairQueue<AppState> queue;
    private int rank;

    PoolState(String name, PoolLedger ledger) {
        this.name = name;
        this.ledger = ledger;
    }

    void addReservedUnused(Resources delta) {
        reservedUnused = reservedUnused.plus(delta);
        refreshLedger();
    }

    /** Victims were chosen for this pool. */
    void countPreemptions(int victims) {
        preemptions += victims;
    }

    /** A victim's eviction for this pool was refused: it no longer counts. */
    void evictionRefused() {
        if (preemptions > 0) preemptions--;
    }

    /** Opens the pool's app queue for a pass; returns false when it is open already. */
    boolean openQueue() {
        if (queue != null) return false;
        queue = new FairQueue<>();
        return true;
    }

    /** The pass is done with this pool. */
    void closeQueue() {
        queue = null;
    }

    /** The pool's place among the pools of a pass (the tie-break of the pool order). */
    void rankInPass(int rank) {
        this.rank = rank;
    }

    void addApp(AppState a) {
        apps.put(a.key(), a);
    }

    void removeApp(String key) {
        apps.remove(key);
    }

    /** Declares the pool (its resource exists) with this spec; {@link #refresh} after. */
    void declare(PoolSpec spec) {
        this.spec = spec;
        this.declared = true;
    }

    /** The pool's resource is gone: its apps wait; returns the node group it no longer selects. */
    NodeGroup undeclare() {
        NodeGroup previous = group;
        declared = false;
        group = null;
        return previous;
    }

    /** The pool now selects the nodes of {@code g}; returns the group it selected before (null for none). */
    NodeGroup selectNodes(NodeGroup g) {
        NodeGroup previous = group;
        group = g;
        return previous;
    }

    /**
     * Adds ({@code sign} 1) or removes (-1) node {@code n}'s reservation for this pool: {@code unused} (null when
     * all is used) is what of it no task of the pool uses.
     */
    void contributeReservation(NodeState n, Resources reserved, Resources unused, int sign) {
        reservedTotal = NodeInventory.add(reservedTotal, reserved, sign);
        if (unused != null) addReservedUnused(sign > 0 ? unused : Resources.ZERO.minus(unused));
        if (sign > 0 && unused != null) reservationNodes.put(n.name(), n);
        else reservationNodes.remove(n.name());
    }

    void addAllocated(Resources delta) {
        allocated = allocated.plus(delta);
        refreshLedger();
    }

    void addDemand(int delta) {
        demand += delta;
        refreshLedger();
    }

    /** Brings the ledger up to date with this pool's unmet guarantee (counted only while the pool has demand). */
    void refresh() {
        refreshLedger();
    }

    private void refreshLedger() {
        Resources now = demand > 0 && declared ? unmet() : Resources.ZERO;
        if (!now.equals(unmetCounted)) {
            ledger.replace(unmetCounted, now);
            unmetCounted = now;
        }
    }

    /** Allocations plus unused reservations: what counts against the limit and toward the guarantee. */
    Resources consumption() {
        return allocated.plus(reservedUnused);
    }

    Resources unmet() {
        return spec == null
                ? Resources.ZERO
                : spec.guarantee().minus(consumption()).clampToZero();
    }

    double dominantShare(Resources clusterCapacity) {
        return consumption().dominantShare(clusterCapacity);
    }

    double weightedShare(Resources clusterCapacity) {
        return dominantShare(clusterCapacity) / (spec == null ? 1 : spec.weight());
    }

    Resources allocated() {
        return allocated;
    }

    TreeMap<String, AppState> apps() {
        return apps;
    }

    boolean declared() {
        return declared;
    }

    int demand() {
        return demand;
    }

    NodeGroup group() {
        return group;
    }

    String name() {
        return name;
    }

    long preemptions() {
        return preemptions;
    }

    FairQueue<AppState> queue() {
        return queue;
    }

    int rank() {
        return rank;
    }

    TreeMap<String, NodeState> reservationNodes() {
        return reservationNodes;
    }

    Resources reservedTotal() {
        return reservedTotal;
    }

    Resources reservedUnused() {
        return reservedUnused;
    }

    PoolSpec spec() {
        return spec;
    }

    Resources unmetCounted() {
        return unmetCounted;
    }
}
