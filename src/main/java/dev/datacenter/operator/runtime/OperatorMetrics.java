package dev.datacenter.operator.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The operator's meters ({@code datacenter_*} in Prometheus): reconciles by kind and result, reconcile
 * duration, reconcile errors by kind, work-queue depth, whether this process leads, and the objects
 * of each kind that cannot be read.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class OperatorMetrics {
    public static final String RECONCILES = "datacenter.reconciles";
    public static final String RECONCILE_DURATION = "datacenter.reconcile.duration";
    public static final String RECONCILE_ERRORS = "datacenter.reconcile.errors";
    public static final String QUEUE_DEPTH = "datacenter.workqueue.depth";
    public static final String LEADER = "datacenter.leader";
    public static final String UNDECODABLE = "datacenter.undecodable.objects";

    /** The {@code result} tag of {@link #RECONCILES}. */
    public enum Result {
        SUCCESS,
        CONFLICT,
        ERROR;

        String tag() {
            return name().toLowerCase();
        }
    }

    @Inject
    MeterRegistry registry;

    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    /** Every kind's error counter exists from the start, at 0, so dashboards and alerts see each kind. */
    @jakarta.annotation.PostConstruct
    void registerErrorCounters() {
        for (ResourceKind kind : ResourceKind.values()) {
            errors(kind);
        }
    }

    private Counter errors(ResourceKind kind) {
        return Counter.builder(RECONCILE_ERRORS)
                .description("Reconciles that failed with an error (409 conflicts excluded)")
                .tag("kind", kind.kind())
                .register(registry);
    }

    public void reconciled(ResourceKind kind, Result result, long nanos) {
        Counter.builder(RECONCILES)
                .description("Reconciles by kind and result")
                .tag("kind", kind.kind())
                .tag("result", result.tag())
                .register(registry)
                .increment();
        Timer.builder(RECONCILE_DURATION)
                .description("Time spent reconciling one object")
                .tag("kind", kind.kind())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (result == Result.ERROR) {
            errors(kind).increment();
        }
    }

    /** The count of reconciles of a kind with a result so far. */
    public double reconciles(ResourceKind kind, Result result) {
        Counter counter = registry.find(RECONCILES)
                .tag("kind", kind.kind())
                .tag("result", result.tag())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    void watchQueueDepth(IntSupplier depth) {
        gauges.add(Gauge.builder(QUEUE_DEPTH, depth, IntSupplier::getAsInt)
                .description("Keys waiting in the work queue")
                .strongReference(true)
                .register(registry));
    }

    void watchLeadership(BooleanSupplier leading) {
        gauges.add(Gauge.builder(LEADER, leading, l -> l.getAsBoolean() ? 1 : 0)
                .description("1 while this process is the leader")
                .strongReference(true)
                .register(registry));
    }

    void watchUndecodable(ResourceKind kind, IntSupplier count) {
        gauges.add(Gauge.builder(UNDECODABLE, count, IntSupplier::getAsInt)
                .description("Objects of the kind that cannot be read (skipped, reported InvalidSpec)")
                .tag("kind", kind.kind())
                .strongReference(true)
                .register(registry));
    }

    /**
     * The registry may outlive this application (Quarkus's is the global composite registry, kept across
     * dev-mode reloads and test restarts): a gauge left behind would keep reading the old objects.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
