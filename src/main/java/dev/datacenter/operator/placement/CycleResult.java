package dev.datacenter.operator.placement;

import java.util.List;

/**
 * The outcome of one allocation cycle.
 *
 * @param decisions   placements made this cycle, in the order they were made (already assumed)
 * @param pendingApps apps that still wait for nodes (or have app-level errors); ask
 *                    {@link PlacementEngine#whyPending(String)} for their reasons
 * @param offers      offer statistics
 * @param pools       per-pool figures, by pool name
 * @param unchanged   true when nothing had changed since the previous cycle and nothing was evaluated
 * @param preemptions victims chosen this cycle for pools whose work fit nowhere: evict each victim
 */
public record CycleResult(
        List<OfferDecision> decisions,
        List<PendingApp> pendingApps,
        OfferStatistics offers,
        List<PoolFigures> pools,
        boolean unchanged,
        List<Preemption> preemptions) {

    public CycleResult {
        preemptions = preemptions == null ? List.of() : List.copyOf(preemptions);
    }

    /** A cycle without preemptions. */
    public CycleResult(
            List<OfferDecision> decisions,
            List<PendingApp> pendingApps,
            OfferStatistics offers,
            List<PoolFigures> pools,
            boolean unchanged) {
        this(decisions, pendingApps, offers, pools, unchanged, List.of());
    }

    /** An app with instances still waiting. */
    public record PendingApp(String appKey, String pool, int pending, List<AppError> errors) {}
}
