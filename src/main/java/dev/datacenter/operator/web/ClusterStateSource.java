package dev.datacenter.operator.web;

import dev.datacenter.operator.allocation.AllocationLoop;
import dev.datacenter.operator.allocation.AllocationMetrics;
import dev.datacenter.operator.allocation.AllocationMetrics.PublishedCycle;
import dev.datacenter.operator.app.InstanceFailureCounter;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.placement.PoolFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The operator's real state source: reads the informer caches ({@link ClusterCache}), the allocation loop's
 * newest cycle and reject summaries, and the failure counter; never calls the API server. Its presence
 * switches {@link EmptyOperatorStateSource} off.
 */
@ApplicationScoped
public class ClusterStateSource implements OperatorStateSource {

    @Inject
    ClusterCache cache;

    @Inject
    AllocationLoop loop;

    @Inject
    dev.datacenter.operator.allocation.FrameworkScheduler frameworks;

    @Inject
    AllocationMetrics cycles;

    @Inject
    InstanceFailureCounter failures;

    private final Clock clock = Clock.systemUTC();

    @Override
    public StateView state() {
        StateView state = StateViewBuilder.build(snapshot());
        if (!loop.running()) {
            return state;
        }
        return state.withFrameworks(frameworks.frameworks().stream()
                .map(f -> new FrameworkEntryView(
                        f.namespace(), f.owner(), f.pool(), f.running(), f.waiting(), Amounts.of(f.resources())))
                .toList());
    }

    @Override
    public OffersView offers() {
        if (!loop.running()) {
            return OffersView.NONE; // a replica that does not lead runs no cycle
        }
        PublishedCycle evaluated = cycles.newestWithOffers();
        return OffersViewBuilder.build(evaluated != null ? evaluated : cycles.newest());
    }

    ClusterSnapshot snapshot() {
        Map<String, PoolFigures> figures = new HashMap<>();
        PublishedCycle newest = loop.running() ? cycles.newest() : null;
        if (newest != null) {
            newest.result().pools().forEach(p -> figures.put(p.name(), p));
        }
        return new ClusterSnapshot(
                clock.instant(),
                cache.nodes(),
                cache.pods(),
                cache.pools(),
                cache.apps(),
                figures,
                loop::pendingSummary,
                failures.total());
    }
}
