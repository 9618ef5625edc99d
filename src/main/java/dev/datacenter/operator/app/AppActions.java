package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.model.RevisionHistory;
import dev.datacenter.operator.status.ActionFailures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action annotations of api.md. {@code datacenter.dev/rollback-to: "<n>"}: revision n's spec is
 * written back into {@code .spec} (keeping {@code instances}) and the annotation removed, in one update;
 * the next reconcile deploys it. A value that is not a revision number, or names no revision, changes
 * nothing: the annotation is removed all the same (it must not roll back later, once such a revision
 * exists), a {@code RollbackFailed} event is written outside the event rate limit, and status says so
 * ({@code ActionFailed}, see {@link ActionFailures}). {@code datacenter.dev/restart}: its value is the revision's restart
 * nonce (so re-applying the same value restarts nothing); the annotation is removed once the restart's
 * deployment completed, the nonce living on in the revision.
 */
@ApplicationScoped
public class AppActions {

    @Inject
    ClusterCache cache;

    @Inject
    KubernetesClient client;

    @Inject
    AppEvents events;

    @Inject
    StatusWriter statusWriter;

    /** Applies a rollback-to annotation; returns true when the app was updated (reconcile again later). */
    public boolean rollback(DataCenterApp app) {
        String value = annotation(app, ApiGroup.ANNOTATION_ROLLBACK_TO);
        if (value == null) {
            return false;
        }
        Optional<DataCenterAppSpec> spec = Optional.empty();
        if (revision(value).isPresent()) {
            spec = RevisionHistory.specForRollback(
                    cache.revisionsOfApp(
                            app.getMetadata().getNamespace(), app.getMetadata().getName()),
                    revision(value).get(),
                    app.getSpec().getInstances());
        }
        if (spec.isEmpty()) {
            String message = ApiGroup.ANNOTATION_ROLLBACK_TO + ": \"" + value + "\" "
                    + (revision(value).isEmpty()
                            ? "is not a revision number"
                            : "names no revision of this app (revisions: " + revisions(app) + ")")
                    + "; nothing was rolled back and the annotation is removed";
            events.recordAction(app, AppEvents.WARNING, ActionFailures.ROLLBACK_FAILED, message);
            reportFailure(app, message);
        } else {
            events.recordAction(
                    app, AppEvents.NORMAL, "RollingBack", "rolling back to the spec of revision " + value.trim());
        }
        DataCenterAppSpec restored = spec.orElse(null);
        client.resources(DataCenterApp.class)
                .inNamespace(app.getMetadata().getNamespace())
                .withName(app.getMetadata().getName())
                .edit(current -> {
                    if (restored != null) {
                        current.setSpec(restored);
                    }
                    if (current.getMetadata().getAnnotations() != null) {
                        current.getMetadata().getAnnotations().remove(ApiGroup.ANNOTATION_ROLLBACK_TO);
                    }
                    return current;
                });
        return true;
    }

    /** Removes the restart annotation once its deployment completed. */
    public void restartDone(DataCenterApp app) {
        if (annotation(app, ApiGroup.ANNOTATION_RESTART) == null) {
            return;
        }
        client.resources(DataCenterApp.class)
                .inNamespace(app.getMetadata().getNamespace())
                .withName(app.getMetadata().getName())
                .edit(current -> {
                    if (current.getMetadata().getAnnotations() != null) {
                        current.getMetadata().getAnnotations().remove(ApiGroup.ANNOTATION_RESTART);
                    }
                    return current;
                });
    }

    /** A revision number written plainly (spaces around it ignored), or empty. */
    static Optional<Long> revision(String value) {
        String trimmed = value.trim();
        return trimmed.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(trimmed)) : Optional.empty();
    }

    private String revisions(DataCenterApp app) {
        String list = cache
                .revisionsOfApp(
                        app.getMetadata().getNamespace(), app.getMetadata().getName())
                .stream()
                .map(r -> r.getRevision())
                .filter(java.util.Objects::nonNull)
                .sorted()
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    /**
     * Puts the failure on status ({@code ActionFailed}, reason {@code RollbackFailed}) before the annotation
     * is removed; the status aggregator keeps it until the spec changes or another rollback succeeds.
     */
    private void reportFailure(DataCenterApp app, String message) {
        DataCenterAppStatus status = app.getStatus() == null
                ? new DataCenterAppStatus()
                : client.getKubernetesSerialization().clone(app).getStatus();
        List<Condition> conditions =
                new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> ActionFailures.TYPE.equals(c.getType()));
        conditions.add(ActionFailures.failed(
                ActionFailures.ROLLBACK_FAILED, message, app.getMetadata().getGeneration(), Instant.now()));
        status.setConditions(conditions);
        statusWriter.writeIfChanged(app, status);
    }

    private static String annotation(DataCenterApp app, String key) {
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
