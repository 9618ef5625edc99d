package dev.datacenter.operator.status;

import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status a PersistentVolumeClaimSet should have: its claims (phase, node, instance, since), the
 * counts behind the printer columns, {@code Ready} (False with {@code ClaimsLost} when a pinned node is
 * NotReady or gone; else True with {@code ClaimsPending} while a claim waits for its first instance to be
 * placed, or {@code ClaimsBound}), and {@code DataAbandoned}: the newest claim whose data was given up (a
 * Relocate or a wipe), kept until another replaces it. {@code Ready} is False with {@code ClaimConflict}
 * while a claim of another set or app is in the way of one of the set's own, with {@code InvalidSpec} while
 * claims made from {@code spec.template} would be refused. {@code ActionFailed}
 * ({@link ActionFailures}) reports an invalid wipe.
 */
public final class ClaimSetStatusAggregator {
    public static final String DATA_ABANDONED = "DataAbandoned";

    /** A claim given up this round: reason {@code Relocated} or {@code Wiped}. */
    public record Abandoned(String reason, String message) {}

    public PersistentVolumeClaimSetStatus aggregate(
            PersistentVolumeClaimSet set, List<ClaimStatus> claims, Optional<Abandoned> abandoned, Instant now) {
        return aggregate(set, claims, abandoned, List.of(), Optional.empty(), now);
    }

    /**
     * @param conflicts claims in the way of the set's own (another set's or app's): Ready False with
     *        {@code ClaimConflict}
     * @param actionFailed the {@code ActionFailed} condition to show (an invalid wipe), if any
     */
    public PersistentVolumeClaimSetStatus aggregate(
            PersistentVolumeClaimSet set,
            List<ClaimStatus> claims,
            Optional<Abandoned> abandoned,
            List<String> conflicts,
            Optional<Condition> actionFailed,
            Instant now) {
        return aggregate(set, claims, abandoned, List.of(), conflicts, actionFailed, now);
    }

    /**
     * @param templateProblems what is wrong with {@code spec.template} (claims made from it would be
     *        refused): Ready False with {@code InvalidSpec}, before anything else
     */
    public PersistentVolumeClaimSetStatus aggregate(
            PersistentVolumeClaimSet set,
            List<ClaimStatus> claims,
            Optional<Abandoned> abandoned,
            List<String> templateProblems,
            List<String> conflicts,
            Optional<Condition> actionFailed,
            Instant now) {
        PersistentVolumeClaimSetStatus previous =
                set.getStatus() == null ? new PersistentVolumeClaimSetStatus() : set.getStatus();
        PersistentVolumeClaimSetStatus status = new PersistentVolumeClaimSetStatus();
        Long generation = set.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setClaims(new ArrayList<>(claims));
        status.setClaimCount(claims.size());
        status.setPinnedCount((int) claims.stream()
                .filter(c -> c.getPhase() == ClaimPhase.Pinned || c.getPhase() == ClaimPhase.Lost)
                .count());
        status.setLostCount((int) count(claims, ClaimPhase.Lost));
        List<Condition> desired = new ArrayList<>();
        desired.add(
                !templateProblems.isEmpty()
                        ? Conditions.of(
                                ConditionReasons.READY,
                                false,
                                ConditionReasons.INVALID_SPEC,
                                String.join("; ", templateProblems),
                                generation,
                                now)
                        : conflicts.isEmpty()
                                ? ready(claims, generation, now)
                                : Conditions.of(
                                        ConditionReasons.READY,
                                        false,
                                        ConditionReasons.CLAIM_CONFLICT,
                                        String.join("; ", conflicts)
                                                + " (the claim is not mounted, pinned, wiped or deleted; rename the set or"
                                                + " the app, or remove the claim in the way)",
                                        generation,
                                        now));
        if (abandoned.isPresent()) {
            desired.add(Conditions.of(
                    DATA_ABANDONED,
                    true,
                    abandoned.get().reason(),
                    abandoned.get().message(),
                    generation,
                    now));
        } else {
            Conditions.find(previous.getConditions(), DATA_ABANDONED).ifPresent(desired::add);
        }
        actionFailed.ifPresent(desired::add);
        status.setConditions(Conditions.keepTransitionTimes(previous.getConditions(), desired));
        return status;
    }

    private static Condition ready(List<ClaimStatus> claims, Long generation, Instant now) {
        List<String> lost = names(claims, ClaimPhase.Lost);
        if (!lost.isEmpty()) {
            return Conditions.of(
                    ConditionReasons.READY,
                    false,
                    ConditionReasons.CLAIMS_LOST,
                    "the node of " + String.join(", ", lost) + " is NotReady or gone; their instances wait for it"
                            + " (PinnedNodeUnavailable) unless nodeLossPolicy Relocate gives the data up",
                    generation,
                    now);
        }
        List<String> pending = names(claims, ClaimPhase.Pending);
        if (!pending.isEmpty()) {
            return Conditions.of(
                    ConditionReasons.READY,
                    true,
                    ConditionReasons.CLAIMS_PENDING,
                    "not bound yet (bound where their instance is first placed): " + String.join(", ", pending),
                    generation,
                    now);
        }
        return Conditions.of(
                ConditionReasons.READY,
                true,
                ConditionReasons.CLAIMS_BOUND,
                claims.size() + (claims.size() == 1 ? " claim" : " claims") + " bound, none lost",
                generation,
                now);
    }

    private static long count(List<ClaimStatus> claims, ClaimPhase phase) {
        return claims.stream().filter(c -> c.getPhase() == phase).count();
    }

    private static List<String> names(List<ClaimStatus> claims, ClaimPhase phase) {
        return claims.stream()
                .filter(c -> c.getPhase() == phase)
                .map(ClaimStatus::getName)
                .toList();
    }
}
