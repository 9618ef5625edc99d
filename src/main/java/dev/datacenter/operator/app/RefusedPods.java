package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.cluster.PodDeletes;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.model.PodRefusal;
import dev.datacenter.operator.model.RefusalBars;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pods of ours the cluster refuses ({@link PodRefusal}): one left Pending {@code Unschedulable} for more than
 * {@code datacenter.allocation.refused-after}, or failed by the kubelet at admission (final: at once), is
 * released (deleted), its node is barred for that instance ({@link RefusalBars}: 1 min, doubling per new
 * refusal, at most 15 min) and the instance is placed again elsewhere; a Warning event {@code RefusedByNode}
 * on the app says which node refused which instance and why. A refusal is not a failure of the app: it does
 * not count toward the launch backoff (the instance never ran; the bar keeps it off that node instead).
 * Bars live in memory: after a restart a node that refused gets one more try.
 *
 * <p>A released pod stays released until the cache drops it: every later look at the app reports it again in
 * {@link Released#uids()}, so that the reconciler never counts it as a terminating member. Counted, it would take
 * its ordinal, and the instance would be placed again under the next free ordinal, one the bar (kept per
 * ordinal) does not cover: on the very node that refused it.
 */
@ApplicationScoped
public class RefusedPods {

    /**
     * What one look at an app's pods released, and when to look again.
     *
     * @param uids the pods released, now or earlier, that the cache still shows: no members of the app
     */
    public record Released(Set<String> uids, Instant recheck) {}

    @ConfigProperty(name = "datacenter.allocation.refused-after", defaultValue = "30s")
    Duration refusedAfter;

    @Inject
    PodDeletes deletes;

    @Inject
    DeletionExpectations expectations;

    @Inject
    AppEvents events;

    private final Map<String, RefusalBars> bars = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    /** Per app, the pods released whose deletion the cache has not shown yet. */
    private final Map<String, Set<String>> releasedUids = new ConcurrentHashMap<>();

    /**
     * Releases the app's pods refused long enough.
     *
     * @param deleted uids of pods already being deleted (left alone)
     */
    public Released release(DataCenterApp app, String appKey, List<Pod> pods, Set<String> deleted, Instant now) {
        Set<String> released = stillShown(appKey, pods);
        Instant recheck = null;
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (released.contains(uid) || pod.getMetadata().getDeletionTimestamp() != null || deleted.contains(uid)) {
                continue;
            }
            Optional<PodRefusal> refusal = PodRefusal.of(pod, EngineInputs.nodeOf(pod));
            Integer ordinal = ordinal(pod);
            if (refusal.isEmpty() || ordinal == null) {
                firstSeen.remove(uid);
                continue;
            }
            PodRefusal r = refusal.get();
            Instant since = r.fin()
                    ? now.minus(refusedAfter)
                    : r.since() != null ? r.since() : firstSeen.computeIfAbsent(uid, u -> now);
            Instant due = since.plus(refusedAfter);
            if (now.isBefore(due)) {
                recheck = recheck == null || due.isBefore(recheck) ? due : recheck;
                continue;
            }
            // the bar first: from the delete on, the instance may be offered again
            Duration bar = bars.computeIfAbsent(appKey, k -> new RefusalBars()).refused(ordinal, r.node(), now);
            expectations.expect(appKey, uid);
            deletes.deleteRefused(pod);
            firstSeen.remove(uid);
            released.add(uid);
            releasedUids
                    .computeIfAbsent(appKey, k -> ConcurrentHashMap.newKeySet())
                    .add(uid);
            events.record(
                    app,
                    AppEvents.WARNING,
                    "RefusedByNode",
                    "node " + r.node() + " refused instance "
                            + pod.getMetadata()
                                    .getLabels()
                                    .getOrDefault(
                                            ApiGroup.LABEL_INSTANCE,
                                            pod.getMetadata().getName())
                            + " (" + r.reason() + (r.message().isEmpty() ? "" : ": " + r.message())
                            + "): the pod is released and the instance placed elsewhere; the node is barred for it for "
                            + bar.toSeconds() + "s");
        }
        Instant expiry = nextExpiry(appKey, now);
        if (expiry != null && (recheck == null || expiry.isBefore(recheck))) {
            recheck = expiry;
        }
        return new Released(released, recheck);
    }

    /** The pods released earlier that are still among {@code pods}; forgets those gone. */
    private Set<String> stillShown(String appKey, List<Pod> pods) {
        Set<String> earlier = releasedUids.get(appKey);
        if (earlier == null) {
            return new HashSet<>();
        }
        Set<String> present = new HashSet<>();
        pods.forEach(p -> present.add(p.getMetadata().getUid()));
        earlier.retainAll(present);
        if (earlier.isEmpty()) {
            releasedUids.remove(appKey, earlier);
        }
        return new HashSet<>(earlier);
    }

    /** The nodes each instance of the app is barred from now. */
    public Map<Integer, Set<String>> barred(String appKey, Instant now) {
        RefusalBars b = bars.get(appKey);
        if (b == null) {
            return Map.of();
        }
        Map<Integer, Set<String>> barred = b.barred(now);
        if (barred.isEmpty() && b.prune(now)) {
            bars.remove(appKey);
        }
        return barred;
    }

    private Instant nextExpiry(String appKey, Instant now) {
        RefusalBars b = bars.get(appKey);
        return b == null ? null : b.nextExpiry(now);
    }

    public void forget(String appKey) {
        bars.remove(appKey);
        releasedUids.remove(appKey);
    }

    private static Integer ordinal(Pod pod) {
        String value = pod.getMetadata().getLabels() == null
                ? null
                : pod.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
