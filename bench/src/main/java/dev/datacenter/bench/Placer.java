package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Node;

import java.util.List;
import java.util.Map;

/** One scheduler under test, fed the same cluster and the same batches as the others. */
public interface Placer extends AutoCloseable {
    /** Short name for tables. */
    String name();

    /** Sets the empty cluster up (not timed). */
    void start(List<Node> nodes);

    /**
     * Places one batch of whole apps on top of everything placed before.
     *
     * @return task id to node index, for the tasks placed, and the time the scheduler spent
     */
    BatchResult place(List<App> batch);

    @Override default void close() {}

    /**
     * What one batch produced: placements (task id to node index), the scheduler's own wall time, and the
     * CPU time all Java threads used meanwhile (the caller and any scheduler pool; not GC or JIT threads).
     */
    record BatchResult(Map<String, Integer> placements, long nanos, long cpuNanos) {}

    /** CPU time used so far by every live Java thread, in ns (per-thread clocks: ns resolution). */
    static long threadsCpuNanos() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long t : mx.getThreadCpuTime(mx.getAllThreadIds())) if (t > 0) sum += t;
        return sum;
    }
}
