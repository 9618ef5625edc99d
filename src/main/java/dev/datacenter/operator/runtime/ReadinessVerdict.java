package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.InformerCache.InformerProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the operator is ready, and why not, from what it knows now: not before every informer has
 * listed once; not when an informer has failed to list or watch for longer than {@code bound}; not
 * when it does not know who leads. A problem younger than the bound is shown but keeps it ready. Pure.
 */
public record ReadinessVerdict(boolean ready, Map<String, Object> data) {

    /** What the verdict is made of. */
    public record Inputs(
            boolean synced,
            List<InformerProblem> problems,
            boolean leadershipKnown,
            boolean leader,
            String leaderIdentity,
            Instant now,
            Duration bound) {}

    public static ReadinessVerdict of(Inputs in) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("informersSynced", in.synced());
        data.put("leader", in.leader());
        data.put("leaderIdentity", in.leaderIdentity());
        List<String> reasons = new ArrayList<>();
        if (!in.synced()) {
            reasons.add("informers have not listed every kind yet");
        }
        List<String> failing = new ArrayList<>();
        for (InformerProblem p : in.problems()) {
            long seconds = Math.max(0, Duration.between(p.since(), in.now()).toSeconds());
            String line = p.informer() + " for " + seconds + "s" + (p.error() == null ? "" : ": " + p.error());
            failing.add(line);
            if (in.synced() && Duration.between(p.since(), in.now()).compareTo(in.bound()) > 0) {
                reasons.add("informer " + p.informer() + " has not listed or watched for " + seconds + "s (bound "
                        + in.bound().toSeconds() + "s)");
            }
        }
        if (!failing.isEmpty()) {
            data.put("informersFailing", String.join("; ", failing));
        }
        if (!in.leadershipKnown()) {
            reasons.add("the leader is unknown (no Lease read from the API server within the lease duration)");
        }
        if (!reasons.isEmpty()) {
            data.put("reason", String.join("; ", reasons));
        }
        return new ReadinessVerdict(reasons.isEmpty(), data);
    }
}
