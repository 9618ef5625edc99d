package dev.datacenter.operator.web;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.InstanceCounts;
import dev.datacenter.operator.api.PendingReasonCount;
import dev.datacenter.operator.api.TaskFailure;
import dev.datacenter.operator.cluster.UndecodableObject;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One DataCenterApp as the state API shows it: its spec summary and status. The pending reasons are the
 * allocation loop's newest reject summary when it has one for the app, else what the status says.
 */
final class AppViewBuilder {
    private static final InstanceCountsView NO_INSTANCES = new InstanceCountsView(0, 0, 0, 0, 0, 0);

    private AppViewBuilder() {}

    static AppView build(DataCenterApp app, Optional<PendingSummary> summary) {
        DataCenterAppSpec spec = app.getSpec() == null ? new DataCenterAppSpec() : app.getSpec();
        DataCenterAppStatus status = app.getStatus();
        int desired = spec.getInstances() == null ? 1 : spec.getInstances();
        InstanceCountsView instances = status == null ? NO_INSTANCES : instances(status.getInstances());
        Optional<Condition> ready =
                status == null ? Optional.empty() : Conditions.find(status.getConditions(), ConditionReasons.READY);
        String readyReason = ready.map(Condition::getReason).orElse(null);
        String phase = status == null
                        || status.getDeployment() == null
                        || status.getDeployment().getPhase() == null
                ? null
                : status.getDeployment().getPhase().name();
        return new AppView(
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                spec.getPool() == null || spec.getPool().isEmpty() ? ApiGroup.DEFAULT_POOL : spec.getPool(),
                spec.getGroup(),
                spec.getContainer() == null ? null : spec.getContainer().getImage(),
                desired,
                Amounts.of(spec.getResources()),
                instances,
                ServiceStatus.of(desired, instances, readyReason, phase),
                readyReason,
                ready.map(Condition::getMessage).orElse(null),
                summary.map(AppViewBuilder::pending).orElseGet(() -> pending(status)),
                status == null ? null : failure(status.getLastTaskFailure()),
                status == null || status.getRevision() == null ? 0 : status.getRevision(),
                phase,
                spec.getDependencies() == null ? List.of() : List.copyOf(spec.getDependencies()));
    }

    /** An app the operator cannot read: Failed, reason InvalidSpec, the decode error as the message. */
    static AppView undecodable(UndecodableObject app) {
        Object spec = app.raw().getAdditionalProperties().get("spec");
        Object pool = spec instanceof Map<?, ?> map ? map.get("pool") : null;
        return new AppView(
                app.namespace(),
                app.name(),
                pool instanceof String name && !name.isEmpty() ? name : ApiGroup.DEFAULT_POOL,
                null,
                null,
                0,
                ResourcesView.ZERO,
                NO_INSTANCES,
                ServiceStatus.Failed,
                ConditionReasons.INVALID_SPEC,
                app.message(),
                PendingView.NONE,
                null,
                0,
                null,
                List.of());
    }

    private static InstanceCountsView instances(InstanceCounts c) {
        if (c == null) {
            return NO_INSTANCES;
        }
        return new InstanceCountsView(
                n(c.getTotal()),
                n(c.getStaged()),
                n(c.getRunning()),
                n(c.getHealthy()),
                n(c.getReady()),
                n(c.getUnhealthy()));
    }

    static PendingView pending(PendingSummary s) {
        List<ReasonCount> reasons = new ArrayList<>();
        s.reasons().forEach(r -> reasons.add(new ReasonCount(r.reason().name(), r.nodes())));
        return new PendingView(s.pending(), List.copyOf(reasons));
    }

    private static PendingView pending(DataCenterAppStatus status) {
        if (status == null || status.getPending() == null) {
            return PendingView.NONE;
        }
        List<ReasonCount> reasons = new ArrayList<>();
        if (status.getPending().getReasons() != null) {
            for (PendingReasonCount r : status.getPending().getReasons()) {
                if (r.getReason() != null) {
                    reasons.add(new ReasonCount(r.getReason().name(), n(r.getNodes())));
                }
            }
        }
        reasons.sort((a, b) -> Integer.compare(b.nodes(), a.nodes()));
        return new PendingView(n(status.getPending().getCount()), List.copyOf(reasons));
    }

    private static FailureView failure(TaskFailure f) {
        return f == null
                ? null
                : new FailureView(f.getInstance(), f.getNode(), f.getReason(), f.getMessage(), f.getTime());
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
