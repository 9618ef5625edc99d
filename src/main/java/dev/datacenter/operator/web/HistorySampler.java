package dev.datacenter.operator.web;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Samples the state every {@code datacenter.web.history-interval} (default 10 s) into a ring that holds
 * the last hour (360 samples at 10 s), so the dashboard shows the last hour as soon as it is opened.
 * Samples once at start.
 */
@ApplicationScoped
public class HistorySampler {

    private static final Logger LOG = Logger.getLogger(HistorySampler.class);
    static final Duration WINDOW = Duration.ofHours(1);

    private final OperatorStateSource source;
    private final Duration interval;
    private final HistoryRing<HistoryPoint> ring;
    private final Clock clock = Clock.systemUTC();
    private long lastFailureCount = -1;

    @Inject
    public HistorySampler(
            OperatorStateSource source,
            @ConfigProperty(name = "datacenter.web.history-interval", defaultValue = "10s") Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("datacenter.web.history-interval must be positive, was " + interval);
        }
        this.source = source;
        this.interval = interval;
        this.ring = new HistoryRing<>(capacityFor(interval));
    }

    /** How many samples one hour holds at this interval (360 at 10 s). */
    static int capacityFor(Duration interval) {
        return (int) Math.max(1, WINDOW.toMillis() / interval.toMillis());
    }

    void onStart(@Observes StartupEvent event) {
        sample();
    }

    @Scheduled(
            identity = "datacenter-web-history",
            every = "${datacenter.web.history-interval:10s}",
            delayed = "${datacenter.web.history-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            record(clock.instant(), source.state());
        } catch (RuntimeException e) {
            LOG.warnf(e, "history sample skipped: the state source failed");
        }
    }

    /** Adds one sample of {@code state} taken at {@code at}. */
    synchronized void record(Instant at, StateView state) {
        ClusterView cluster = state.cluster();
        long failures = cluster.taskFailures();
        long delta = lastFailureCount < 0 ? 0 : Math.max(0, failures - lastFailureCount);
        lastFailureCount = failures;
        Map<String, AllocationSample> pools = new LinkedHashMap<>();
        for (PoolView pool : state.pools()) {
            pools.put(pool.name(), AllocationSample.of(pool.allocated(), pool.capacity()));
        }
        ring.add(new HistoryPoint(
                at.toString(),
                AllocationSample.of(cluster.allocated(), cluster.capacity()),
                pools,
                cluster.tasks().running(),
                delta));
    }

    /** Forgets every sample (tests use it to lay down a history of their own). */
    synchronized void clear() {
        ring.clear();
        lastFailureCount = -1;
    }

    public HistoryView history() {
        return new HistoryView(interval.toMillis() / 1000.0, ring.capacity(), ring.snapshot());
    }
}
