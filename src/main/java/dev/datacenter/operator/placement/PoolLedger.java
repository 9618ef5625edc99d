package dev.datacenter.operator.placement;

/** Keeps the sum of unmet guarantees of pools with demand, updated by delta whenever a pool changes. */
final class PoolLedger {

    Resources unmetTotal = Resources.ZERO;

    void refresh(PoolState p) {
        Resources now = p.demand > 0 && p.declared ? p.unmet() : Resources.ZERO;
        if (!now.equals(p.unmetCounted)) {
            unmetTotal = unmetTotal.minus(p.unmetCounted).plus(now);
            p.unmetCounted = now;
        }
    }
}
