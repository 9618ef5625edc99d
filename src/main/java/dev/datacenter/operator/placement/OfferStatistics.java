package dev.datacenter.operator.placement;

import java.util.Map;

/**
 * Offer figures of one cycle (REST {@code /api/v1/offers}). An offer is one node evaluated for one
 * instance of a pool's app; declined offers are counted by their first failing check.
 */
public record OfferStatistics(
        long offersMade, long accepted, long declined, Map<DeclineReason, Long> declinedByReason, long durationNanos) {}
