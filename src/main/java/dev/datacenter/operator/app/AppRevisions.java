package dev.datacenter.operator.app;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.cluster.ApiErrors;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.model.RevisionBuilder;
import dev.datacenter.operator.model.RevisionHistory;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The app's ControllerRevisions: one per pod-changing spec (and restart nonce), the current one
 * created or renumbered as {@link RevisionHistory} resolves it, at most {@link RevisionHistory#KEEP}
 * kept, never pruning the current one or one that pods still run.
 */
@ApplicationScoped
public class AppRevisions {

    @Inject
    ClusterCache cache;

    @Inject
    ClusterWrites writes;

    /** The current revision: its number and template hash. */
    public record Current(long number, String hash) {}

    public Current ensure(DataCenterApp app, Set<String> hashesInUse) {
        String namespace = app.getMetadata().getNamespace();
        List<ControllerRevision> revisions =
                cache.revisionsOfApp(namespace, app.getMetadata().getName());
        String hash = RevisionHistory.currentHash(app, revisions);
        RevisionHistory.Resolution r = RevisionHistory.resolve(revisions, hash);
        long number = switch (r.action()) {
            case REUSE -> r.number();
            case RENUMBER -> renumber(r.existing(), r.number());
            case CREATE -> create(app, revisions, r.number());
        };
        for (ControllerRevision old : RevisionHistory.toPrune(revisions, hash, hashesInUse, RevisionHistory.KEEP)) {
            writes.delete(ControllerRevision.class, namespace, old.getMetadata().getName());
        }
        return new Current(number, hash);
    }

    private long create(DataCenterApp app, List<ControllerRevision> revisions, long number) {
        String restart = app.getMetadata().getAnnotations() == null
                ? null
                : app.getMetadata().getAnnotations().get(dev.datacenter.operator.api.ApiGroup.ANNOTATION_RESTART);
        ControllerRevision revision =
                RevisionBuilder.build(app, number, RevisionHistory.restartNonce(revisions, restart));
        try {
            return writes.create(revision).getRevision();
        } catch (RuntimeException e) {
            if (!ApiErrors.isConflict(e)) {
                throw e;
            }
            // created by an earlier reconcile the cache does not show yet
            ControllerRevision existing = writes.get(
                    ControllerRevision.class,
                    app.getMetadata().getNamespace(),
                    revision.getMetadata().getName());
            if (existing == null) {
                throw e;
            }
            return existing.getRevision();
        }
    }

    private long renumber(ControllerRevision existing, long number) {
        return writes.edit(
                        ControllerRevision.class,
                        existing.getMetadata().getNamespace(),
                        existing.getMetadata().getName(),
                        r -> {
                            r.setRevision(number);
                            return r;
                        })
                .getRevision();
    }
}
