package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.model.RevisionHistory;
import dev.datacenter.operator.status.ActionFailures;
import io.fabric8.kubernetes.api.model.Condition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The action annotations of docs/api.md. {@code datacenter.dev/rollback-to: "<n>"}: revision n's spec is
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
    ClusterWrites writes;

    @Inject
    AppEvents events;

    /** The newest refused rollback of each app (namespace/name). */
    private final Map<String, Condition> failures = new ConcurrentHashMap<>();
    /** The resourceVersion each app's rollback-to was handled at: a stale cached copy is not handled twice. */
    private final Map<String, String> handledAt = new ConcurrentHashMap<>();

    /** Applies a rollback-to annotation; returns true when the app was updated (reconcile again later). */
    public boolean rollback(DataCenterApp app) {
        String value = annotation(app, ApiGroup.ANNOTATION_ROLLBACK_TO);
        String version = app.getMetadata().getResourceVersion();
        if (value == null || (version != null && version.equals(handledAt.get(key(app))))) {
            return false; // none, or handled and the cache does not show the annotation removed yet
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
            failures.put(
                    key(app),
                    ActionFailures.failed(
                            ActionFailures.ROLLBACK_FAILED,
                            message,
                            app.getMetadata().getGeneration(),
                            Instant.now()));
        } else {
            failures.remove(key(app));
            events.recordAction(
                    app, AppEvents.NORMAL, "RollingBack", "rolling back to the spec of revision " + value.trim());
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
        handledAt.put(key(app), version == null ? "" : version);
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
     * The refused rollback to show on status ({@code ActionFailed}, reason {@code RollbackFailed}) while the
     * app's spec is the one it was refused at; the status aggregator carries it on from there.
     */
    public Optional<Condition> failure(DataCenterApp app) {
        Condition c = failures.get(key(app));
        return c != null
                        && java.util.Objects.equals(
                                c.getObservedGeneration(), app.getMetadata().getGeneration())
                ? Optional.of(c)
                : Optional.empty();
    }

    /** Forgets a deleted app. */
    public void forget(String namespace, String name) {
        failures.remove(namespace + "/" + name);
        handledAt.remove(namespace + "/" + name);
    }

    private static String key(DataCenterApp app) {
        return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    }

    private static String annotation(DataCenterApp app, String key) {
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
