package dev.datacenter.operator.allocation;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.placement.AppSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the lifecycle reconciler hands the allocation loop for one app: the engine's view of the app,
 * which instance ordinals need a node now, and what to build their pods from (the app as read, the
 * current revision's number and template hash) and the names of the claims its pods mount (by
 * {@code <set>/<ordinal>}: claims are found by their labels, whatever their name). An empty {@code pending} keeps the app known to the
 * engine (its instances stay visible to colocation) without placing anything.
 *
 * <p>{@code seen} is {@link AllocationLoop#taskEnds()} as read before the reconciler looked at the app's pods: the
 * loop leaves out of {@code pending} an ordinal whose task it saw end after that (the request was made without
 * knowing of that end) and asks the reconciler again.
 */
public record AppPlacement(
        String appKey,
        DataCenterApp app,
        AppSpec spec,
        Set<Integer> pending,
        long revision,
        String templateHash,
        Map<String, String> claimNames,
        long seen) {

    public AppPlacement {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(spec, "spec");
        pending = Set.copyOf(new TreeSet<>(pending));
        claimNames = claimNames == null ? Map.of() : Map.copyOf(claimNames);
    }

    /**
     * A placement whose pods mount claims by the names new claims get, made knowing of every task end so far ({@code
     * seen} {@link Long#MAX_VALUE}).
     */
    public AppPlacement(
            String appKey, DataCenterApp app, AppSpec spec, Set<Integer> pending, long revision, String templateHash) {
        this(appKey, app, spec, pending, revision, templateHash, Map.of(), Long.MAX_VALUE);
    }

    /** The same request with fewer pending ordinals. */
    AppPlacement withPending(Set<Integer> left) {
        return new AppPlacement(appKey, app, spec, left, revision, templateHash, claimNames, seen);
    }

    /** Whether applying this request after {@code other} would change nothing the engine or the pods see. */
    boolean sameAs(AppPlacement other) {
        return other != null
                && spec.equals(other.spec)
                && pending.equals(other.pending)
                && revision == other.revision
                && templateHash.equals(other.templateHash)
                && claimNames.equals(other.claimNames)
                && Objects.equals(
                        app.getMetadata().getResourceVersion(),
                        other.app.getMetadata().getResourceVersion());
    }
}
