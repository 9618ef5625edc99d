package dev.datacenter.operator.status;

import static dev.datacenter.operator.api.ConditionReasons.DEGRADED;
import static dev.datacenter.operator.api.ConditionReasons.PROGRESSING;
import static dev.datacenter.operator.api.ConditionReasons.READY;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.PendingReasonCount;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * Ready, Progressing and Degraded of an app whose spec is valid and whose dependencies are Ready.
 * Ready=False gives the most useful reason first: BackingOff, WaitingForOffers (with the engine's
 * decline summary), then Deploying. Degraded is True for an upgrade deadlock and while backoff holds.
 */
final class LifecycleConditions {
    private LifecycleConditions() {}

    static List<Condition> of(AppLifecycle l, String pool, Long generation, Instant now) {
        int ready = l.counts().getReady() == null ? 0 : l.counts().getReady();
        Condition degraded = degraded(l, generation, now);
        if (l.rollout() == AppLifecycle.Rollout.COMPLETE) {
            String message = l.wanted() == 0 ? "scaled to 0 instances" : "all " + l.wanted() + " instances ready";
            String reason = l.wanted() == 0 ? ConditionReasons.SCALED_TO_ZERO : ConditionReasons.ALL_INSTANCES_READY;
            return List.of(
                    Conditions.of(READY, true, reason, message, generation, now),
                    Conditions.of(
                            PROGRESSING,
                            false,
                            ConditionReasons.DEPLOYMENT_COMPLETE,
                            "revision " + l.revision() + " deployed",
                            generation,
                            now),
                    degraded);
        }
        String reason;
        String message;
        if (l.delay() != null) {
            reason = ConditionReasons.BACKING_OFF;
            message = String.format(
                    "launches held back after failures until %s (delay %.1fs); %d of %d instances ready",
                    l.delay().getUntilTime(), l.delay().getCurrentSeconds(), ready, l.wanted());
        } else if (l.pendingCount() > 0) {
            reason = ConditionReasons.WAITING_FOR_OFFERS;
            message = waitingForOffers(l, pool, ready);
        } else {
            reason = ConditionReasons.DEPLOYING;
            message = l.rolloutMessage();
        }
        return List.of(
                Conditions.of(READY, false, reason, message, generation, now),
                Conditions.of(PROGRESSING, true, reason, message, generation, now),
                degraded);
    }

    private static String waitingForOffers(AppLifecycle l, String pool, int ready) {
        StringBuilder sb = new StringBuilder(String.format(
                "waiting for offers in pool %s: %d instance(s) pending, %d of %d ready",
                pool, l.pendingCount(), ready, l.wanted()));
        List<PendingReasonCount> reasons = l.pending().getReasons();
        if (reasons != null && !reasons.isEmpty()) {
            String sep = "; declined: ";
            for (PendingReasonCount r : reasons) {
                sb.append(sep)
                        .append(r.getReason())
                        .append(" (")
                        .append(r.getNodes())
                        .append(r.getNodes() == 1 ? " node)" : " nodes)");
                sep = ", ";
            }
        }
        return sb.toString();
    }

    private static Condition degraded(AppLifecycle l, Long generation, Instant now) {
        if (l.rollout() == AppLifecycle.Rollout.DEADLOCKED) {
            return Conditions.of(DEGRADED, true, ConditionReasons.DEADLOCKED, l.rolloutMessage(), generation, now);
        }
        if (l.delay() != null) {
            String failure = l.lastTaskFailure() == null
                    ? ""
                    : ": " + l.lastTaskFailure().getInstance() + " "
                            + l.lastTaskFailure().getReason();
            return Conditions.of(
                    DEGRADED, true, ConditionReasons.BACKING_OFF, "instances keep failing" + failure, generation, now);
        }
        return Conditions.of(DEGRADED, false, ConditionReasons.HEALTHY, "no problems found", generation, now);
    }
}
