package dev.datacenter.operator.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.DeclineReason;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.OfferStatistics;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.Resources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allocator's meters and published cycles, fed as the allocation loop feeds them. */
class AllocationMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AllocationMetrics metrics = new AllocationMetrics(registry);

    @Test
    void everyDeclineReasonExistsFromTheStartAndCountsOffers() {
        for (DeclineReason reason : DeclineReason.values()) {
            assertThat(registry.find(AllocationMetrics.OFFERS_DECLINED)
                            .tag("reason", reason.name())
                            .counter()
                            .count())
                    .isZero();
        }
        Map<DeclineReason, Long> declined = new EnumMap<>(DeclineReason.class);
        declined.put(DeclineReason.InsufficientCpus, 5L);
        declined.put(DeclineReason.UnfulfilledRole, 2L);
        metrics.cycle(cycle(List.of(), declined, List.of(), false), Instant.now());
        metrics.cycle(cycle(List.of(), declined, List.of(), false), Instant.now());

        assertThat(registry.find(AllocationMetrics.OFFERS_DECLINED)
                        .tag("reason", "InsufficientCpus")
                        .counter()
                        .count())
                .isEqualTo(10);
        assertThat(registry.find(AllocationMetrics.OFFERS_DECLINED)
                        .tag("reason", "UnfulfilledRole")
                        .counter()
                        .count())
                .isEqualTo(4);
        assertThat(registry.find(AllocationMetrics.CYCLES).counter().count()).isEqualTo(2);
        assertThat(registry.find(AllocationMetrics.CYCLE_DURATION).timer().count())
                .isEqualTo(2);
    }

    @Test
    void placementLatencyRunsFromFirstWaitingToPodCreated() {
        metrics.pending("demo/web", Set.of(0, 1));
        metrics.pending("demo/web", Set.of(0, 1, 2)); // a newer request does not restart the clocks of 0 and 1
        OfferDecision d0 = decision("demo/web", 0);
        OfferDecision d1 = decision("demo/web", 1);
        metrics.cycle(cycle(List.of(d0, d1), Map.of(), List.of(), false), Instant.now());
        metrics.pending("demo/web", Set.of(2)); // placed ones leave the request before their pods exist

        metrics.placed(d0);
        metrics.placed(d1);
        metrics.placed(d1); // a second report of the same pod counts once

        assertThat(registry.find(AllocationMetrics.PLACEMENT_LATENCY).timer().count())
                .isEqualTo(2);
        assertThat(registry.find(AllocationMetrics.OFFERS_ACCEPTED).counter().count())
                .isEqualTo(2);
    }

    @Test
    void poolGaugesFollowTheNewestCycleAndLeaveWithTheirPool() {
        PoolFigures web = new PoolFigures(
                "web",
                2,
                new Resources(8000, 16L << 30, 0, 0),
                new Resources(2000, 4L << 30, 0, 0),
                Resources.ZERO,
                Resources.ZERO,
                0.25,
                0.125,
                1,
                3);
        metrics.cycle(cycle(List.of(), Map.of(), List.of(web), false), Instant.now());

        assertThat(gauge(AllocationMetrics.POOL_ALLOCATED, "web", "cpus")).isEqualTo(2.0);
        assertThat(gauge(AllocationMetrics.POOL_CAPACITY, "web", "mem")).isEqualTo(16.0 * (1L << 30));
        assertThat(gauge(AllocationMetrics.POOL_SHARE, "web", "cpus")).isEqualTo(0.25);
        assertThat(gauge(AllocationMetrics.POOL_SHARE, "web", "gpus")).isZero();
        assertThat(registry.find(AllocationMetrics.POOL_PENDING)
                        .tag("pool", "web")
                        .gauge()
                        .value())
                .isEqualTo(3);
        assertThat(registry.find(AllocationMetrics.POOL_DOMINANT_SHARE)
                        .tag("pool", "web")
                        .gauge()
                        .value())
                .isEqualTo(0.25);

        metrics.cycle(cycle(List.of(), Map.of(), List.of(), false), Instant.now());
        assertThat(registry.find(AllocationMetrics.POOL_ALLOCATED)
                        .tag("pool", "web")
                        .gauges())
                .isEmpty();
    }

    @Test
    void theNewestCycleWithOffersIsKeptForTheOffersView() {
        assertThat(metrics.newest()).isNull();
        metrics.cycle(cycle(List.of(), Map.of(DeclineReason.InsufficientGpus, 1L), List.of(), false), Instant.now());
        metrics.cycle(cycle(List.of(), Map.of(), List.of(), true), Instant.now());
        metrics.cycle(cycle(List.of(), Map.of(), List.of(), false), Instant.now()); // evaluated, but no offer to make

        assertThat(metrics.newest().number()).isEqualTo(3);
        assertThat(metrics.newestWithOffers().number()).isEqualTo(1);
        assertThat(metrics.cycles()).isEqualTo(3);
    }

    private double gauge(String name, String pool, String resource) {
        return registry.find(name)
                .tag("pool", pool)
                .tag("resource", resource)
                .gauge()
                .value();
    }

    private static OfferDecision decision(String appKey, int instance) {
        return new OfferDecision(
                appKey,
                instance,
                appKey + "#" + instance,
                "n1",
                "default",
                List.of(),
                Resources.of(500, 1L << 28),
                Resources.of(4000, 8L << 30),
                List.of());
    }

    private static CycleResult cycle(
            List<OfferDecision> decisions,
            Map<DeclineReason, Long> declined,
            List<PoolFigures> pools,
            boolean unchanged) {
        long declinedTotal =
                declined.values().stream().mapToLong(Long::longValue).sum();
        OfferStatistics stats = new OfferStatistics(
                decisions.size() + declinedTotal,
                decisions.size(),
                declinedTotal,
                declined.isEmpty() ? Map.of() : new EnumMap<>(declined),
                1_000_000);
        return new CycleResult(decisions, List.of(), stats, pools, unchanged);
    }
}
