package dev.datacenter.operator.status;

import java.time.Instant;
import java.util.List;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetStatus;

/**
 * The status a PersistentVolumeClaimSet should have. For now: observedGeneration and {@code Ready=True};
 * the claims, their phases and pins are kept as they were until the claim lifecycle writes them.
 */
public final class ClaimSetStatusAggregator {

    public PersistentVolumeClaimSetStatus aggregate(PersistentVolumeClaimSet set, Instant now) {
        PersistentVolumeClaimSetStatus previous = set.getStatus() == null ? new PersistentVolumeClaimSetStatus() : set.getStatus();
        PersistentVolumeClaimSetStatus status = new PersistentVolumeClaimSetStatus();
        status.setClaims(previous.getClaims());
        status.setClaimCount(previous.getClaimCount());
        status.setPinnedCount(previous.getPinnedCount());
        status.setLostCount(previous.getLostCount());
        Long generation = set.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setConditions(Conditions.keepTransitionTimes(previous.getConditions(), List.of(
                Conditions.of(ConditionReasons.READY, true, ConditionReasons.CLAIMS_BOUND, "no claim is lost", generation, now))));
        return status;
    }
}
