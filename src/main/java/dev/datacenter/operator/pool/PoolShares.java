package dev.datacenter.operator.pool;

import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePoolStatus;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.Resources;
import dev.datacenter.operator.status.Quantities;

/** A pool's figures from the engine as the share fields of its status (quantities, printer strings). Pure. */
public final class PoolShares {
    private PoolShares() {}

    /** A status holding only the share figures. */
    public static ResourcePoolStatus of(PoolFigures f) {
        ResourcePoolStatus s = new ResourcePoolStatus();
        s.setNodes(f.nodes());
        s.setCapacity(amounts(f.capacity()));
        s.setAllocated(amounts(f.allocated()));
        s.setReserved(amounts(f.reserved()));
        s.setGuaranteed(amounts(f.guaranteed()));
        s.setDominantShare(round(f.dominantShare()));
        s.setWeightedShare(round(f.weightedShare()));
        s.setApps(f.apps());
        s.setPendingInstances(f.pendingInstances());
        s.setPreemptions(f.preemptions());
        s.setCpu(cpus(f.allocated().cpus()) + "/" + cpus(f.capacity().cpus()));
        s.setMem(mem(f.allocated().mem()) + "/" + mem(f.capacity().mem()));
        return s;
    }

    static ResourceAmounts amounts(Resources r) {
        return new ResourceAmounts(
                Quantities.cpus(finite(r.cpus())),
                Quantities.bytes(finite(r.mem())),
                (int) Math.min(Integer.MAX_VALUE, finite(r.gpus())),
                Quantities.bytes(finite(r.disk())));
    }

    static String cpus(long millicores) {
        return millicores == Long.MAX_VALUE ? "unlimited" : Quantities.cpusShort(millicores);
    }

    static String mem(long bytes) {
        return bytes == Long.MAX_VALUE ? "unlimited" : Quantities.bytesShort(bytes);
    }

    private static long finite(long v) {
        return v == Long.MAX_VALUE ? 0 : v;
    }

    /** Four decimals: enough for a share, and stable so that noise does not rewrite the status. */
    private static double round(double share) {
        return Math.round(share * 10_000d) / 10_000d;
    }
}
