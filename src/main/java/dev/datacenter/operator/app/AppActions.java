package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.model.RevisionHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * The action annotations of docs/api.md. {@code datacenter.dev/rollback-to: "<n>"}: revision n's spec is
 * written back into {@code .spec} (keeping {@code instances}) and the annotation removed, in one update;
 * the next reconcile deploys it. {@code datacenter.dev/restart}: its value is the revision's restart
 * nonce (so re-applying the same value restarts nothing); the annotation is removed once the restart's
 * deployment completed, the nonce living on in the revision.
 */
@ApplicationScoped
public class AppActions {

    @Inject
    ClusterCache cache;

    @Inject
    ClusterWrites writes;

    @Inject
    AppEvents events;

    /** Applies a rollback-to annotation; returns true when the app was updated (reconcile again later). */
    public boolean rollback(DataCenterApp app) {
        String value = annotation(app, ApiGroup.ANNOTATION_ROLLBACK_TO);
        if (value == null) {
            return false;
        }
        Optional<DataCenterAppSpec> spec = Optional.empty();
        try {
            spec = RevisionHistory.specForRollback(
                    cache.revisionsOfApp(
                            app.getMetadata().getNamespace(), app.getMetadata().getName()),
                    Long.parseLong(value.trim()),
                    app.getSpec().getInstances());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (spec.isEmpty()) {
            events.record(
                    app,
                    AppEvents.WARNING,
                    "RollbackFailed",
                    "no revision " + value + " to roll back to;" + " the annotation " + ApiGroup.ANNOTATION_ROLLBACK_TO
                            + " is removed");
        } else {
            events.record(app, AppEvents.NORMAL, "RollingBack", "rolling back to the spec of revision " + value);
        }
        DataCenterAppSpec restored = spec.orElse(null);
        writes.edit(
                DataCenterApp.class,
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                current -> {
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
        writes.edit(
                DataCenterApp.class,
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                current -> {
                    if (current.getMetadata().getAnnotations() != null) {
                        current.getMetadata().getAnnotations().remove(ApiGroup.ANNOTATION_RESTART);
                    }
                    return current;
                });
    }

    private static String annotation(DataCenterApp app, String key) {
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
