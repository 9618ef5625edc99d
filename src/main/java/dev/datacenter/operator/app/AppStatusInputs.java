package dev.datacenter.operator.app;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.InstanceCounts;
import dev.datacenter.operator.api.LaunchDelay;
import dev.datacenter.operator.api.PendingReason;
import dev.datacenter.operator.api.PendingReasonCount;
import dev.datacenter.operator.api.PendingStatus;
import dev.datacenter.operator.api.TaskFailure;
import dev.datacenter.operator.api.UnreachableStrategy;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.model.RollingUpdatePlanner;
import dev.datacenter.operator.model.SpecDefaults;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.status.AppLifecycle;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns one reconcile's findings into the {@link AppLifecycle} the status aggregator reads. Pure. */
final class AppStatusInputs {
    private AppStatusInputs() {}

    /**
     * The lifecycle figures of one reconcile: the app as read, its instances, this round's plan, the
     * failure it recorded (null: keep the last one on status), the launch delay in force and why
     * instances wait.
     */
    static AppLifecycle lifecycle(
            DataCenterApp app,
            List<Member> members,
            InstancePlan plan,
            long revision,
            TaskFailure newFailure,
            LaunchDelay delay,
            Optional<PendingSummary> pendingSummary) {
        TaskFailure failure = newFailure != null
                ? newFailure
                : app.getStatus() == null ? null : app.getStatus().getLastTaskFailure();
        RollingUpdatePlanner.Step step = plan.step();
        AppLifecycle.Rollout rollout = switch (step.outcome()) {
            case COMPLETE -> AppLifecycle.Rollout.COMPLETE;
            case DEADLOCKED -> AppLifecycle.Rollout.DEADLOCKED;
            case IN_PROGRESS -> AppLifecycle.Rollout.IN_PROGRESS;
        };
        return new AppLifecycle(
                counts(members),
                SpecDefaults.instances(app.getSpec()),
                pending(plan.waiting().size(), delay == null ? pendingSummary : Optional.empty()),
                delay,
                failure,
                revision,
                rollout,
                step.message());
    }

    static InstanceCounts counts(List<Member> members) {
        int total = 0;
        int staged = 0;
        int running = 0;
        int healthy = 0;
        int ready = 0;
        int unhealthy = 0;
        for (Member m : members) {
            if (!m.counted() || m.terminating()) {
                continue;
            }
            total++;
            staged += m.state().staged() ? 1 : 0;
            running += m.state().running() ? 1 : 0;
            healthy += m.state().healthy() ? 1 : 0;
            ready += m.state().ready() ? 1 : 0;
            unhealthy += m.state().running() && !m.state().healthy() ? 1 : 0;
        }
        InstanceCounts c = new InstanceCounts();
        c.setTotal(total);
        c.setStaged(staged);
        c.setRunning(running);
        c.setHealthy(healthy);
        c.setReady(ready);
        c.setUnhealthy(unhealthy);
        return c;
    }

    /** The count of instances waiting for a node, with the engine's decline reasons when it has any. */
    static PendingStatus pending(int waiting, Optional<PendingSummary> summary) {
        if (waiting == 0) {
            return null;
        }
        PendingStatus p = new PendingStatus();
        p.setCount(waiting);
        List<PendingReasonCount> reasons = new ArrayList<>();
        summary.ifPresent(s -> s.reasons()
                .forEach(rc -> reasons.add(
                        new PendingReasonCount(PendingReason.valueOf(rc.reason().name()), rc.nodes()))));
        p.setReasons(reasons);
        return p;
    }

    /** How long until the member's lost node passes its next unreachable-strategy threshold, if it is NotReady. */
    static Optional<Duration> untilNextLossThreshold(
            Member m, Optional<Node> node, UnreachableStrategy u, Instant now) {
        if (node.isEmpty() || m.loss() == AppInstances.NodeLoss.EXPUNGE) {
            return Optional.empty();
        }
        Optional<Instant> since = AppInstances.notReadySince(node.get(), now);
        if (since.isEmpty()) {
            return Optional.empty();
        }
        long threshold =
                m.loss() == AppInstances.NodeLoss.NONE ? AppInstances.inactiveAfter(u) : AppInstances.expungeAfter(u);
        Duration left = Duration.between(now, since.get().plusSeconds(threshold));
        return left.isNegative() ? Optional.empty() : Optional.of(left); // passed: acted on already (or pinned)
    }
}
