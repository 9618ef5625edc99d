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
 */
public record CycleResult(
        List<OfferDecision> decisions,
        List<PendingApp> pendingApps,
        OfferStatistics offers,
        List<PoolFigures> pools,
        boolean unchanged) {

    /** An app with instances still waiting. */
    public record PendingApp(String appKey, String pool, int pending, List<AppError> errors) {}
}
