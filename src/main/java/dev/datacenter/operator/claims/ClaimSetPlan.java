package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.NodeLossAction;
import dev.datacenter.operator.api.NodeLossPolicy;
import dev.datacenter.operator.api.PersistentVolumeClaimSetSpec;
import dev.datacenter.operator.api.RetentionAction;
import dev.datacenter.operator.api.RetentionPolicy;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a PersistentVolumeClaimSet's claims need, from what exists now: which claims to give up (a
 * {@code Relocate} after the pinned node was lost long enough; a retention policy of {@code Delete} once
 * the app scaled below the ordinal or was deleted), and each claim's status. Never gives a claim up for
 * any other reason. Pure: the reconciler carries the plan out.
 */
public final class ClaimSetPlan {

    /** How a node stands: absent, or present and Ready, or present and NotReady since a time. */
    public record NodeHealth(boolean present, boolean ready, Instant notReadySince) {
        public static final NodeHealth GONE = new NodeHealth(false, false, null);
    }

    /** An app using the set: its instances and its live instance pods by ordinal (value: the instance id). */
    public record AppUse(String name, int instances, Map<Integer, String> liveInstances) {}

    /** Why a claim is given up. */
    public enum Reason {
        RELOCATE,
        SCALED,
        APP_DELETED
    }

    /** A claim to delete; for a relocation, the instance pods of that ordinal go too and a fresh claim is made. */
    public record GiveUp(
            PersistentVolumeClaim claim, String app, int ordinal, String node, Reason reason, String message) {}

    /**
     * @param lostSince when each lost claim (by name) was first seen lost (previous status, or memory), for
     *                  nodes that are gone and so carry no NotReady time
     */
    public record Input(
            PersistentVolumeClaimSetSpec spec,
            List<PersistentVolumeClaim> claims,
            Map<String, AppUse> appsByLabel,
            Function<String, NodeHealth> nodes,
            Map<String, Instant> lostSince,
            Map<String, ClaimStatus> previous,
            Instant now) {}

    public record Plan(List<GiveUp> giveUp, List<ClaimStatus> claims, Optional<Duration> recheckAfter) {}

    private ClaimSetPlan() {}

    public static Plan of(Input in) {
        List<GiveUp> giveUp = new ArrayList<>();
        List<ClaimStatus> statuses = new ArrayList<>();
        Duration recheck = null;
        List<PersistentVolumeClaim> claims = new ArrayList<>(in.claims());
        claims.sort(Comparator.comparing((PersistentVolumeClaim c) -> String.valueOf(ClaimPins.appLabel(c)))
                .thenComparing(c -> ClaimPins.ordinal(c) == null ? -1 : ClaimPins.ordinal(c)));
        for (PersistentVolumeClaim claim : claims) {
            Integer ordinal = ClaimPins.ordinal(claim);
            if (ordinal == null || ClaimPins.deleting(claim)) {
                continue;
            }
            String appLabel = ClaimPins.appLabel(claim);
            AppUse app = in.appsByLabel().get(appLabel);
            String name = claim.getMetadata().getName();
            Optional<String> pinned = ClaimPins.placementNode(claim);
            NodeHealth health = pinned.map(in.nodes()).orElse(null);
            boolean lost = health != null && (!health.present() || !health.ready());
            ClaimPhase phase = !ClaimPins.bound(claim) && pinned.isEmpty()
                    ? ClaimPhase.Pending
                    : lost
                            ? ClaimPhase.Lost
                            : ClaimPins.pinnedNode(claim).isPresent() ? ClaimPhase.Pinned : ClaimPhase.Bound;
            Instant lostAt = lost ? lostAt(health, in.lostSince().get(name), in.now()) : null;

            Optional<GiveUp> retention =
                    retention(in.spec().getRetentionPolicy(), claim, app, appLabel, ordinal, pinned.orElse(null));
            if (retention.isPresent()) {
                giveUp.add(retention.get());
                continue;
            }
            if (lost && relocates(in.spec().getNodeLossPolicy())) {
                Duration after = Duration.ofSeconds(afterSeconds(in.spec().getNodeLossPolicy()));
                Duration down = Duration.between(lostAt, in.now());
                if (down.compareTo(after) >= 0) {
                    giveUp.add(new GiveUp(
                            claim,
                            appLabel,
                            ordinal,
                            pinned.get(),
                            Reason.RELOCATE,
                            "node " + pinned.get()
                                    + (health.present() ? " NotReady" : " gone") + " for " + down.getSeconds()
                                    + "s (Relocate after "
                                    + after.getSeconds() + "s): the data of claim " + name
                                    + " is abandoned and a fresh claim replaces it"));
                    continue;
                }
                Duration left = after.minus(down);
                recheck = recheck == null || left.compareTo(recheck) < 0 ? left : recheck;
            }
            statuses.add(status(
                    claim,
                    ordinal,
                    phase,
                    pinned.orElse(null),
                    app,
                    lostAt,
                    in.previous().get(name),
                    in.now()));
        }
        return new Plan(List.copyOf(giveUp), List.copyOf(statuses), Optional.ofNullable(recheck));
    }

    private static Optional<GiveUp> retention(
            RetentionPolicy policy,
            PersistentVolumeClaim claim,
            AppUse app,
            String appLabel,
            int ordinal,
            String node) {
        if (app == null) {
            if (policy != null && policy.getWhenDeleted() == RetentionAction.Delete) {
                return Optional.of(new GiveUp(
                        claim,
                        appLabel,
                        ordinal,
                        node,
                        Reason.APP_DELETED,
                        "app " + appLabel + " was deleted and whenDeleted is Delete: claim "
                                + claim.getMetadata().getName() + " deleted"));
            }
            return Optional.empty();
        }
        if (policy != null
                && policy.getWhenScaled() == RetentionAction.Delete
                && ordinal >= app.instances()
                && !app.liveInstances().containsKey(ordinal)) {
            return Optional.of(new GiveUp(
                    claim,
                    appLabel,
                    ordinal,
                    node,
                    Reason.SCALED,
                    "app " + app.name() + " scaled to " + app.instances() + " and whenScaled is Delete: claim "
                            + claim.getMetadata().getName() + " deleted"));
        }
        return Optional.empty();
    }

    private static Instant lostAt(NodeHealth health, Instant remembered, Instant now) {
        if (health.present() && health.notReadySince() != null) {
            return health.notReadySince();
        }
        return remembered != null ? remembered : now;
    }

    private static ClaimStatus status(
            PersistentVolumeClaim claim,
            int ordinal,
            ClaimPhase phase,
            String node,
            AppUse app,
            Instant lostAt,
            ClaimStatus previous,
            Instant now) {
        ClaimStatus s = new ClaimStatus();
        s.setOrdinal(ordinal);
        s.setName(claim.getMetadata().getName());
        s.setPhase(phase);
        s.setNode(node);
        s.setInstance(app == null ? null : app.liveInstances().get(ordinal));
        if (phase == ClaimPhase.Lost) {
            s.setSince(Conditions.timestamp(lostAt));
        } else if (previous != null && previous.getPhase() == phase && previous.getSince() != null) {
            s.setSince(previous.getSince());
        } else {
            s.setSince(Conditions.timestamp(now));
        }
        return s;
    }

    static boolean relocates(NodeLossPolicy policy) {
        return policy != null && policy.getAction() == NodeLossAction.Relocate;
    }

    static int afterSeconds(NodeLossPolicy policy) {
        return policy == null || policy.getAfterSeconds() == null
                ? NodeLossPolicy.DEFAULT_AFTER_SECONDS
                : policy.getAfterSeconds();
    }

    /** Claims by name of a previous status, for keeping {@code since}. */
    public static Map<String, ClaimStatus> byName(List<ClaimStatus> claims) {
        Map<String, ClaimStatus> out = new HashMap<>();
        if (claims != null) {
            claims.forEach(c -> out.put(c.getName(), c));
        }
        return out;
    }
}
