package dev.datacenter.operator.placement;

/**
 * Whether a pool may grow by a given amount: never past its limit, and never into unallocated resources
 * that other pools with demand still need to reach their guarantees, once it is beyond its own guarantee.
 */
final class PoolAdmission {

    private PoolAdmission() {}

    /** How much the pool's consumption grows when {@code r} is placed for it on node {@code n}. */
    static Resources growth(PoolState p, NodeState n, Resources r) {
        Resources reserved = n.reservedByPool().get(p.name());
        if (reserved == null) return r;
        Resources used = n.usedByPool().getOrDefault(p.name(), Resources.ZERO);
        return used.plus(r).max(reserved).minus(used.max(reserved));
    }

    static boolean admits(PoolState p, Resources growth, PoolLedger ledger, NodeInventory inventory) {
        if (!growth.fitsUnder(p.consumption(), p.spec().limit())) return false;
        Resources others = ledger.unmetTotal().minus(p.unmetCounted());
        if (others.isZero()) return true;
        Resources own = p.unmet();
        Resources free = inventory.generalFree();
        return ok(growth.cpus(), own.cpus(), free.cpus(), others.cpus())
                && ok(growth.mem(), own.mem(), free.mem(), others.mem())
                && ok(growth.gpus(), own.gpus(), free.gpus(), others.gpus())
                && ok(growth.disk(), own.disk(), free.disk(), others.disk());
    }

    private static boolean ok(long growth, long ownUnmet, long free, long othersUnmet) {
        long beyond = growth - Math.min(growth, ownUnmet);
        return beyond <= 0 || free - growth >= othersUnmet;
    }
}
