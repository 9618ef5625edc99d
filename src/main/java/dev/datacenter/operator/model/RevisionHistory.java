package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pure decisions over an app's ControllerRevisions: which one is current, which number comes next,
 * which to prune, and the spec of an older one for rollback-to.
 *
 * <p>Compare pods to revisions by template hash ({@link PodTemplateHash#ANNOTATION}), not by the
 * revision label: when the spec returns to an older revision's (rollback), that revision is reused
 * and renumbered to the newest number, as the StatefulSet controller does, so the number of a pod
 * created before the renumbering is stale while its hash is not.
 */
public final class RevisionHistory {
    /** How many revisions are kept (docs/api.md: at most 10). */
    public static final int KEEP = 10;

    /** What to do to have a revision for the current spec. */
    public enum Action {
        /** Create a new ControllerRevision with {@code number}. */
        CREATE,
        /** The matching revision is already the newest: nothing to write. */
        REUSE,
        /** Update the matching, older revision's {@code revision} to {@code number}. */
        RENUMBER
    }

    /** The revision for the current spec: the existing match (null for CREATE), its number, and what to do. */
    public record Resolution(ControllerRevision existing, long number, Action action) {}

    private RevisionHistory() {}

    /**
     * The revision for a spec whose template hash is {@code hash}: REUSE the matching revision when
     * it is the newest; RENUMBER it to the next number when it is older (the spec went back); CREATE
     * one with the next number when none matches.
     */
    public static Resolution resolve(List<ControllerRevision> revisions, String hash) {
        Optional<ControllerRevision> match = matching(revisions, hash);
        if (match.isEmpty()) {
            return new Resolution(null, nextNumber(revisions), Action.CREATE);
        }
        ControllerRevision m = match.get();
        ControllerRevision newest = latest(revisions).orElseThrow();
        if (m == newest || number(m) == number(newest)) {
            return new Resolution(m, number(m), Action.REUSE);
        }
        return new Resolution(m, nextNumber(revisions), Action.RENUMBER);
    }

    /** The revision whose template hash is {@code hash}, if any. */
    public static Optional<ControllerRevision> matching(List<ControllerRevision> revisions, String hash) {
        return revisions.stream()
                .filter(r -> Objects.equals(RevisionBuilder.templateHash(r), hash))
                .max(Comparator.comparingLong(RevisionHistory::number));
    }

    /** One more than the highest revision number, 1 when there is none. */
    public static long nextNumber(List<ControllerRevision> revisions) {
        return revisions.stream().mapToLong(RevisionHistory::number).max().orElse(0) + 1;
    }

    /** The revision with the highest number. */
    public static Optional<ControllerRevision> latest(List<ControllerRevision> revisions) {
        return revisions.stream().max(Comparator.comparingLong(RevisionHistory::number));
    }

    /**
     * The template hash of the app's current spec: {@link PodTemplateHash#of(DataCenterAppSpec, String)}
     * with the nonce of {@link #restartNonce} (the app's {@code datacenter.dev/restart} annotation, else
     * the newest revision's nonce). Pass it to {@link #resolve} and to {@link InstancePodBuilder}.
     */
    public static String currentHash(DataCenterApp app, List<ControllerRevision> revisions) {
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        String restart = annotations == null ? null : annotations.get(ApiGroup.ANNOTATION_RESTART);
        return PodTemplateHash.of(app.getSpec(), restartNonce(revisions, restart));
    }

    /**
     * The restart nonce to hash the current spec with: {@code restartAnnotation} when the app has a
     * {@code datacenter.dev/restart} annotation, else the nonce of the newest revision (so removing
     * the annotation once done changes nothing), else null.
     */
    public static String restartNonce(List<ControllerRevision> revisions, String restartAnnotation) {
        if (restartAnnotation != null) {
            return restartAnnotation;
        }
        return latest(revisions)
                .map(r -> RevisionBuilder.data(r).get(RevisionBuilder.DATA_RESTART))
                .map(Object::toString)
                .orElse(null);
    }

    /**
     * The revisions to delete: the oldest beyond {@code keep}, never the current one (template hash
     * {@code currentHash}) nor one whose hash is in {@code inUse} (pods still run it, mid-rollout).
     */
    public static List<ControllerRevision> toPrune(
            List<ControllerRevision> revisions, String currentHash, Set<String> inUse, int keep) {
        List<ControllerRevision> sorted = new ArrayList<>(revisions);
        sorted.sort(Comparator.comparingLong(RevisionHistory::number));
        List<ControllerRevision> prune = new ArrayList<>();
        int excess = sorted.size() - keep;
        for (ControllerRevision r : sorted) {
            if (prune.size() >= excess) {
                break;
            }
            String hash = RevisionBuilder.templateHash(r);
            if (!Objects.equals(hash, currentHash) && !inUse.contains(hash)) {
                prune.add(r);
            }
        }
        return prune;
    }

    /** {@link #toPrune(List, String, Set, int)} keeping {@link #KEEP}, with no revision in use. */
    public static List<ControllerRevision> toPrune(List<ControllerRevision> revisions, String currentHash) {
        return toPrune(revisions, currentHash, Set.of(), KEEP);
    }

    /**
     * The spec recorded by revision {@code number}, with {@code instances} set to {@code instances}
     * (a rollback restores the pods, not the scale): what rollback-to writes into {@code .spec}.
     * Empty when no revision has that number.
     */
    public static Optional<DataCenterAppSpec> specForRollback(
            List<ControllerRevision> revisions, long number, Integer instances) {
        return revisions.stream().filter(r -> number(r) == number).findFirst().map(r -> {
            DataCenterAppSpec spec = spec(r);
            spec.setInstances(instances);
            return spec;
        });
    }

    /** The spec a revision recorded ({@code instances} null). */
    public static DataCenterAppSpec spec(ControllerRevision revision) {
        Object spec = RevisionBuilder.data(revision).get(RevisionBuilder.DATA_SPEC);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "revision " + revision.getMetadata().getName() + " records no spec");
        }
        return Json.MAPPER.convertValue(spec, DataCenterAppSpec.class);
    }

    static long number(ControllerRevision r) {
        return r.getRevision() == null ? 0 : r.getRevision();
    }
}
