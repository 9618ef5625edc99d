package dev.datacenter.operator.placement;

import java.util.TreeMap;

/** The engine's mutable view of one pool: its node group, allocation, reservations and demand. */
final class PoolState {

    final String name;
    PoolSpec spec;
    boolean declared;
    NodeGroup group;
    Resources allocated = Resources.ZERO;
    Resources reservedUnused = Resources.ZERO;
    Resources reservedTotal = Resources.ZERO;
    final TreeMap<String, AppState> apps = new TreeMap<>();
    final TreeMap<String, NodeState> reservationNodes = new TreeMap<>();
    int demand;
    /** Victims evicted for this pool (chosen, less those whose eviction was refused). */
    long preemptions;

    Resources unmetCounted = Resources.ZERO;
    private final PoolLedger ledger;

    FairQueue<AppState> queue;
    int rank;

    PoolState(String name, PoolLedger ledger) {
        this.name = name;
        this.ledger = ledger;
    }

    void addReservedUnused(Resources delta) {
        reservedUnused = reservedUnused.plus(delta);
        ledger.refresh(this);
    }

    void addAllocated(Resources delta) {
        allocated = allocated.plus(delta);
        ledger.refresh(this);
    }

    void addDemand(int delta) {
        demand += delta;
        ledger.refresh(this);
    }

    void refresh() {
        ledger.refresh(this);
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
}
