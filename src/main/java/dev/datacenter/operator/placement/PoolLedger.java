package dev.datacenter.operator.placement;

/**
 * Keeps the sum of unmet guarantees of pools with demand, updated by delta whenever a pool changes. Counts
 * relaxations (the sum shrank in some resource): pools held back for others' guarantees may fit again.
 */
final class PoolLedger {

    private Resources unmetTotal = Resources.ZERO;
    private long relaxations;

    /** A pool's counted unmet guarantee changed from {@code before} to {@code now}. */
    void replace(Resources before, Resources now) {
        Resources total = unmetTotal;
        unmetTotal = unmetTotal.minus(before).plus(now);
        if (!total.fitsIn(unmetTotal)) relaxations++;
    }

    long relaxations() {
        return relaxations;
    }

    Resources unmetTotal() {
        return unmetTotal;
    }
}
