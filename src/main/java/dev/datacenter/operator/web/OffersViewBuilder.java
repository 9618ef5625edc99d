package dev.datacenter.operator.web;

import dev.datacenter.operator.allocation.PublishedCycle;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.model.Names;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.DeclineReason;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.OfferStatistics;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.Preemption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/offers} from a published allocation cycle: a pure function. */
final class OffersViewBuilder {
    private OffersViewBuilder() {}

    /** The cycle's figures; {@link OffersView#NONE} for null (no cycle yet). */
    static OffersView build(PublishedCycle published) {
        if (published == null) {
            return OffersView.NONE;
        }
        CycleResult result = published.result();
        OfferStatistics offers = result.offers();
        return new OffersView(
                published.number(),
                published.startedAt().toString(),
                offers.durationNanos() / 1e6,
                (int) offers.offersMade(),
                (int) offers.accepted(),
                declined(offers.declinedByReason()),
                placements(result.decisions()),
                shares(result.pools()),
                preemptions(result.preemptions()));
    }

    /** Reasons that declined at least one offer, the most frequent first (ties in the enum's order). */
    static List<ReasonCount> declined(Map<DeclineReason, Long> byReason) {
        List<Map.Entry<DeclineReason, Long>> entries = new ArrayList<>(byReason.entrySet());
        entries.removeIf(e -> e.getValue() == null || e.getValue() <= 0);
        entries.sort(Comparator.comparing((Map.Entry<DeclineReason, Long> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        return entries.stream()
                .map(e -> new ReasonCount(e.getKey().name(), (int) (long) e.getValue()))
                .toList();
    }

    private static List<PlacementView> placements(List<OfferDecision> decisions) {
        return decisions.stream()
                .map(d -> new PlacementView(
                        d.appKey(),
                        Names.instanceId(AppKey.parse(d.appKey()).name(), d.instance()),
                        d.node(),
                        d.pool()))
                .toList();
    }

    private static List<PreemptionView> preemptions(List<Preemption> preemptions) {
        return preemptions.stream()
                .map(p -> new PreemptionView(
                        p.pool(),
                        p.appKey(),
                        instanceName(p.appKey(), p.instance()),
                        p.node(),
                        p.victims().stream()
                                .map(v -> new PreemptionView.VictimView(
                                        v.appKey(), instanceName(v.appKey(), v.instance()), v.pool(), v.priority()))
                                .toList()))
                .toList();
    }

    private static String instanceName(String appKey, int instance) {
        return Names.instanceId(appKey.substring(appKey.indexOf('/') + 1), instance);
    }

    private static List<PoolShareView> shares(List<PoolFigures> pools) {
        return pools.stream()
                .sorted(Comparator.comparing(PoolFigures::name))
                .map(p -> new PoolShareView(p.name(), p.dominantShare(), p.weightedShare(), p.pendingInstances()))
                .toList();
    }
}
