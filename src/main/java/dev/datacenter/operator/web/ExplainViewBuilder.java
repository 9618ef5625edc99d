package dev.datacenter.operator.web;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.WaitingExplanation;
import dev.datacenter.operator.status.Conditions;
import java.util.List;
import java.util.Optional;

/** Builds an {@link ExplainView} from the engine's {@link WaitingExplanation} (or says why there is none). */
final class ExplainViewBuilder {

    private ExplainViewBuilder() {}

    static ExplainView of(DataCenterApp app, WaitingExplanation why, Optional<PendingSummary> newest) {
        return new ExplainView(
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                why.pool(),
                true,
                null,
                why.pending(),
                why.instance(),
                why.nodes(),
                resources(app),
                why.requirements().stream()
                        .map(r -> new ExplainView.RequirementView(
                                r.name(), r.reason().name(), r.matched(), r.declined()))
                        .toList(),
                why.closest().stream()
                        .map(f -> new ExplainView.NodeFitView(f.node(), f.failed(), Amounts.of(f.free())))
                        .toList(),
                why.errors().stream()
                        .map(e -> new ExplainView.ErrorView(e.reason(), e.message()))
                        .toList(),
                reasons(newest),
                readyReason(app),
                readyMessage(app));
    }

    /** No explanation: {@code message} says why; the app's status still tells what the operator reported. */
    static ExplainView unavailable(DataCenterApp app, String message, Optional<PendingSummary> newest) {
        int pending = app.getStatus() != null
                        && app.getStatus().getPending() != null
                        && app.getStatus().getPending().getCount() != null
                ? app.getStatus().getPending().getCount()
                : 0;
        return new ExplainView(
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                app.getSpec() == null ? null : app.getSpec().getPool(),
                false,
                message,
                pending,
                -1,
                0,
                resources(app),
                List.of(),
                List.of(),
                List.of(),
                reasons(newest),
                readyReason(app),
                readyMessage(app));
    }

    private static ResourcesView resources(DataCenterApp app) {
        return app.getSpec() == null || app.getSpec().getResources() == null
                ? ResourcesView.ZERO
                : Amounts.of(app.getSpec().getResources());
    }

    private static List<ReasonCount> reasons(Optional<PendingSummary> newest) {
        return newest.map(s -> s.reasons().stream()
                        .map(rc -> new ReasonCount(rc.reason().name(), rc.nodes()))
                        .toList())
                .orElse(List.of());
    }

    private static String readyReason(DataCenterApp app) {
        return ready(app).map(c -> c.getReason()).orElse(null);
    }

    private static String readyMessage(DataCenterApp app) {
        return ready(app).map(c -> c.getMessage()).orElse(null);
    }

    private static Optional<io.fabric8.kubernetes.api.model.Condition> ready(DataCenterApp app) {
        return app.getStatus() == null
                ? Optional.empty()
                : Conditions.find(app.getStatus().getConditions(), ConditionReasons.READY);
    }
}
