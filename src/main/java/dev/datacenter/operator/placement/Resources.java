package dev.datacenter.operator.placement;

/**
 * An immutable vector of schedulable resources: cpus in millicores, memory and disk in bytes, gpus as a
 * count. {@link Long#MAX_VALUE} in a component means "unlimited" (used for pool limits). Arithmetic does
 * not clamp unless a method says so.
 */
public record Resources(long cpus, long mem, long gpus, long disk) {

    public static final Resources ZERO = new Resources(0, 0, 0, 0);
    public static final Resources UNLIMITED =
            new Resources(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /** cpus (millicores) and memory (bytes), no gpus or disk. */
    public static Resources of(long cpus, long mem) {
        return new Resources(cpus, mem, 0, 0);
    }

    public Resources plus(Resources o) {
        return new Resources(cpus + o.cpus, mem + o.mem, gpus + o.gpus, disk + o.disk);
    }

    public Resources minus(Resources o) {
        return new Resources(cpus - o.cpus, mem - o.mem, gpus - o.gpus, disk - o.disk);
    }

    /** Each component at least zero. */
    public Resources clampToZero() {
        return new Resources(Math.max(0, cpus), Math.max(0, mem), Math.max(0, gpus), Math.max(0, disk));
    }

    public Resources min(Resources o) {
        return new Resources(
                Math.min(cpus, o.cpus), Math.min(mem, o.mem), Math.min(gpus, o.gpus), Math.min(disk, o.disk));
    }

    public Resources max(Resources o) {
        return new Resources(
                Math.max(cpus, o.cpus), Math.max(mem, o.mem), Math.max(gpus, o.gpus), Math.max(disk, o.disk));
    }

    public boolean isZero() {
        return cpus == 0 && mem == 0 && gpus == 0 && disk == 0;
    }

    /** True when every component of this is at most the same component of {@code capacity}. */
    public boolean fitsIn(Resources capacity) {
        return cpus <= capacity.cpus && mem <= capacity.mem && gpus <= capacity.gpus && disk <= capacity.disk;
    }

    /** True when {@code used + this <= limit} in every component, without overflow for unlimited limits. */
    public boolean fitsUnder(Resources used, Resources limit) {
        return fits(cpus, used.cpus, limit.cpus)
                && fits(mem, used.mem, limit.mem)
                && fits(gpus, used.gpus, limit.gpus)
                && fits(disk, used.disk, limit.disk);
    }

    private static boolean fits(long add, long used, long limit) {
        return limit == Long.MAX_VALUE || add <= limit - used;
    }

    /**
     * The first resource (in the order cpus, mem, disk, gpus) that {@code free} lacks for this request, or
     * {@code null} when the request fits.
     */
    public DeclineReason shortfall(Resources free) {
        if (cpus > free.cpus) return DeclineReason.InsufficientCpus;
        if (mem > free.mem) return DeclineReason.InsufficientMemory;
        if (disk > free.disk) return DeclineReason.InsufficientDisk;
        if (gpus > free.gpus) return DeclineReason.InsufficientGpus;
        return null;
    }

    /** The largest fraction of {@code total} this vector represents, over the resources total has. */
    public double dominantShare(Resources total) {
        double s = 0;
        if (total.cpus > 0) s = Math.max(s, (double) cpus / total.cpus);
        if (total.mem > 0) s = Math.max(s, (double) mem / total.mem);
        if (total.gpus > 0) s = Math.max(s, (double) gpus / total.gpus);
        if (total.disk > 0) s = Math.max(s, (double) disk / total.disk);
        return s;
    }
}
