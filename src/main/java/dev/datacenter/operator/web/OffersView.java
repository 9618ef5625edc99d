package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /api/v1/offers}: the newest allocation cycle. {@code cycle} counts cycles since start (0 and
 * a null {@code startedAt} before the first); {@code declined} counts declined offers per reason;
 * {@code preemptions} lists the victims the cycle chose for pools whose work fitted nowhere.
 */
@RegisterForReflection
public record OffersView(
        long cycle,
        String startedAt,
        double durationMillis,
        int offersMade,
        int accepted,
        List<ReasonCount> declined,
        List<PlacementView> placements,
        List<PoolShareView> pools,
        List<PreemptionView> preemptions) {

    public static final OffersView NONE = new OffersView(0, null, 0, 0, 0, List.of(), List.of(), List.of());

    /** A cycle without preemptions. */
    public OffersView(
            long cycle,
            String startedAt,
            double durationMillis,
            int offersMade,
            int accepted,
            List<ReasonCount> declined,
            List<PlacementView> placements,
            List<PoolShareView> pools) {
        this(cycle, startedAt, durationMillis, offersMade, accepted, declined, placements, pools, List.of());
    }
}
