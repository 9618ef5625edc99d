package dev.datacenter.operator.placement;

/**
 * Keeps the sum of unmet guarantees of pools with demand, updated by delta whenever a pool changes. Counts
 * relaxations (the sum shrank in some resource): pools held back for others' guarantees may fit again.
 */
final class PoolLedger {

    Resources unmetTotal = Resources.ZERO;
    long relaxations;

    void refresh(PoolState p) {
        Resources now = p.demand > 0 && p.declared ? p.unmet() : Resources.ZERO;
        if (!now.equals(p.unmetCounted)) {
            Resources before = unmetTotal;
            unmetTotal = unmetTotal.minus(p.unmetCounted).plus(now);
            p.unmetCounted = now;
            if (!before.fitsIn(unmetTotal)) relaxations++;
        }
    }
}
