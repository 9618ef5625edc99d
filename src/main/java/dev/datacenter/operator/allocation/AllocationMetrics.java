package dev.datacenter.operator.allocation;

import dev.datacenter.operator.model.InstanceKey;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.DeclineReason;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.OfferStatistics;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.Resources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * What the allocation loop reports after each cycle: the meters of the allocator ({@code datacenter_*} in
 * Prometheus) and the newest cycle for the state API. The loop calls {@link #cycle}, {@link #pending},
 * {@link #placed} and {@link #forget} from its own thread (and {@code placed} from the pod writers');
 * everything here is cheap and never blocks.
 *
 * <ul>
 * <li>{@code datacenter_allocation_cycle_duration_seconds} (histogram) and {@code datacenter_allocation_cycles_total};</li>
 * <li>{@code datacenter_offers_accepted_total}, {@code datacenter_offers_declined_total{reason}} (every reason
 * from the start, at 0);</li>
 * <li>{@code datacenter_placement_latency_seconds} (histogram): from an instance first waiting to its pod created;</li>
 * <li>per pool: {@code datacenter_pool_allocated}, {@code datacenter_pool_capacity}, {@code datacenter_pool_share}
 * tagged {@code pool} and {@code resource} (cpus in cores, mem and disk in bytes, gpus), and
 * {@code datacenter_pool_dominant_share}, {@code datacenter_pool_pending_instances} tagged {@code pool};</li>
 * <li>{@code datacenter_preemptions_total{pool,victim_pool}}: victims evicted for {@code pool} from {@code victim_pool}.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class AllocationMetrics {
    public static final String CYCLES = "datacenter.allocation.cycles";
    public static final String CYCLE_DURATION = "datacenter.allocation.cycle.duration";
    public static final String OFFERS_ACCEPTED = "datacenter.offers.accepted";
    public static final String OFFERS_DECLINED = "datacenter.offers.declined";
    public static final String PLACEMENT_LATENCY = "datacenter.placement.latency";
    public static final String POOL_ALLOCATED = "datacenter.pool.allocated";
    public static final String POOL_CAPACITY = "datacenter.pool.capacity";
    public static final String POOL_SHARE = "datacenter.pool.share";
    public static final String POOL_DOMINANT_SHARE = "datacenter.pool.dominant.share";
    public static final String POOL_PENDING = "datacenter.pool.pending.instances";
    public static final String PREEMPTIONS = "datacenter.preemptions";

    /** The {@code resource} tag values of the pool gauges, in the state API's units. */
    public static final List<String> RESOURCES = List.of("cpus", "mem", "gpus", "disk");

    private final MeterRegistry registry;
    private final Counter cycles;
    private final Timer cycleDuration;
    private final Timer placementLatency;
    private final Counter accepted;
    private final Map<DeclineReason, Counter> declined = new EnumMap<>(DeclineReason.class);

    private final AtomicLong cycleNumber = new AtomicLong();
    private volatile PublishedCycle newest;
    private volatile PublishedCycle newestWithOffers;
    private final Map<String, PoolFigures> pools = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> poolMeters = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Long>> pendingSince = new ConcurrentHashMap<>();
    /** Instances placed whose pods are being written, by task id: when they started waiting. */
    private final Map<String, Long> placing = new ConcurrentHashMap<>();

    @Inject
    public AllocationMetrics(MeterRegistry registry) {
        this.registry = registry;
        cycles = Counter.builder(CYCLES).description("Allocation cycles run").register(registry);
        cycleDuration = Timer.builder(CYCLE_DURATION)
                .description("Duration of one allocation cycle")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        placementLatency = Timer.builder(PLACEMENT_LATENCY)
                .description("From an instance first waiting for a node to its pod created")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        accepted = Counter.builder(OFFERS_ACCEPTED)
                .description("Offers accepted (instances placed)")
                .register(registry);
        for (DeclineReason reason : DeclineReason.values()) {
            declined.put(
                    reason,
                    Counter.builder(OFFERS_DECLINED)
                            .description("Offers declined, by reason")
                            .tag("reason", reason.name())
                            .register(registry));
        }
    }

    // ------------------------------------------------------------------ the loop's hooks

    /** A cycle finished: count it, time it, count its offers, and publish it with its pool figures. */
    public void cycle(CycleResult result, Instant startedAt) {
        PublishedCycle published = new PublishedCycle(cycleNumber.incrementAndGet(), startedAt, result);
        newest = published;
        if (result.offers().offersMade() > 0 || !result.preemptions().isEmpty()) {
            newestWithOffers = published;
        }
        cycles.increment();
        for (OfferDecision d : result.decisions()) {
            Map<Integer, Long> since = pendingSince.get(d.appKey());
            Long start = since == null ? null : since.remove(d.instance());
            if (start != null) {
                placing.put(d.taskId(), start);
            }
        }
        OfferStatistics offers = result.offers();
        cycleDuration.record(offers.durationNanos(), TimeUnit.NANOSECONDS);
        accepted.increment(offers.accepted());
        offers.declinedByReason()
                .forEach((reason, count) -> declined.get(reason).increment(count));
        publishPools(result.pools());
    }

    /** The app's instances waiting now (its newest request): each starts its clock the first time it waits. */
    public void pending(String appKey, Set<Integer> ordinals) {
        long now = System.nanoTime();
        if (ordinals.isEmpty()) {
            pendingSince.remove(appKey);
            return;
        }
        Map<Integer, Long> since = pendingSince.computeIfAbsent(appKey, k -> new ConcurrentHashMap<>());
        since.keySet().retainAll(ordinals);
        ordinals.forEach(o -> since.putIfAbsent(o, now));
    }

    /** The pod of an accepted offer was created: the instance waited from its first pending to now. */
    public void placed(OfferDecision decision) {
        Long start = placing.remove(decision.taskId());
        if (start != null) {
            placementLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The app is gone or no longer placed. */
    public void forget(String appKey) {
        pendingSince.remove(appKey);
        placing.keySet().removeIf(taskId -> InstanceKey.isOf(taskId, appKey));
    }

    // ------------------------------------------------------------------ snapshots for the state API

    /** The newest cycle, or null before the first. */
    public PublishedCycle newest() {
        return newest;
    }

    /** The newest cycle that made offers (most cycles find nothing changed and make none), or null. */
    public PublishedCycle newestWithOffers() {
        return newestWithOffers;
    }

    /** A victim was evicted for {@code pool} from {@code victimPool}. */
    public void preempted(String pool, String victimPool) {
        Counter.builder(PREEMPTIONS)
                .description("Victims evicted by preemption, by the pool preempting and the victim's pool")
                .tag("pool", pool)
                .tag("victim_pool", victimPool)
                .register(registry)
                .increment();
    }

    /** Cycles run since start. */
    public long cycles() {
        return cycleNumber.get();
    }

    // ------------------------------------------------------------------ pool gauges

    /**
     * The registry may outlive this bean (Quarkus's global registry is kept across dev-mode reloads and test
     * restarts): a pool gauge left behind would keep reading this bean's figures.
     */
    @jakarta.annotation.PreDestroy
    void removePoolGauges() {
        poolMeters.values().forEach(meters -> meters.forEach(registry::remove));
        poolMeters.clear();
        pools.clear();
    }

    private void publishPools(List<PoolFigures> figures) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (PoolFigures f : figures) {
            names.add(f.name());
            pools.put(f.name(), f);
            poolMeters.computeIfAbsent(f.name(), this::registerPool);
        }
        for (String gone : Set.copyOf(pools.keySet())) {
            if (!names.contains(gone)) {
                pools.remove(gone);
                List<Meter> meters = poolMeters.remove(gone);
                if (meters != null) {
                    meters.forEach(registry::remove);
                }
            }
        }
    }

    private List<Meter> registerPool(String pool) {
        List<Meter> meters = new ArrayList<>();
        for (String resource : RESOURCES) {
            meters.add(poolGauge(
                    POOL_ALLOCATED,
                    pool,
                    resource,
                    "Resources of the pool's placed instances",
                    f -> amount(f.allocated(), resource)));
            meters.add(poolGauge(
                    POOL_CAPACITY,
                    pool,
                    resource,
                    "Allocatable resources of the pool's schedulable nodes",
                    f -> amount(f.capacity(), resource)));
            meters.add(poolGauge(
                    POOL_SHARE,
                    pool,
                    resource,
                    "Allocated divided by capacity (0 when the capacity is 0)",
                    f -> share(f.allocated(), f.capacity(), resource)));
        }
        meters.add(Gauge.builder(POOL_DOMINANT_SHARE, () -> figure(pool, PoolFigures::dominantShare))
                .description("The pool's dominant share of the cluster (0..1)")
                .tag("pool", pool)
                .register(registry));
        meters.add(Gauge.builder(POOL_PENDING, () -> figure(pool, f -> f.pendingInstances()))
                .description("Instances of the pool waiting for a node")
                .tag("pool", pool)
                .register(registry));
        return List.copyOf(meters);
    }

    private Meter poolGauge(
            String name, String pool, String resource, String description, ToDoubleFunction<PoolFigures> value) {
        return Gauge.builder(name, () -> figure(pool, value))
                .description(description)
                .tag("pool", pool)
                .tag("resource", resource)
                .register(registry);
    }

    private double figure(String pool, ToDoubleFunction<PoolFigures> value) {
        PoolFigures f = pools.get(pool);
        return f == null ? 0 : value.applyAsDouble(f);
    }

    /** A component of a resource vector in the API's units: cpus in cores, the others as they are. */
    public static double amount(Resources r, String resource) {
        return switch (resource) {
            case "cpus" -> r.cpus() / 1000.0;
            case "mem" -> r.mem();
            case "gpus" -> r.gpus();
            case "disk" -> r.disk();
            default -> throw new IllegalArgumentException("unknown resource " + resource);
        };
    }

    static double share(Resources allocated, Resources capacity, String resource) {
        double c = amount(capacity, resource);
        return c <= 0 ? 0 : amount(allocated, resource) / c;
    }
}
