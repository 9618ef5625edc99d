package dev.datacenter.operator.model;

import dev.datacenter.operator.api.KillSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the instances to stop on scale-down, better than Marathon: first the instances that are
 * not ready or not healthy (staged ones included), then those of outdated revisions, then by
 * {@code killSelection} (YoungestFirst: newest creation time first; OldestFirst: oldest first).
 * Within each of those tiers, when the app has a GROUP_BY constraint, the victim is taken from the
 * attribute value that has the most instances left, so the spread stays even; killSelection breaks
 * ties, then the instance id.
 */
public final class ScaleDownSelector {

    /** One running (or staged) instance as scale-down sees it. */
    public record Candidate(String id, boolean ready, boolean healthy, boolean currentRevision, Instant created) {}

    private ScaleDownSelector() {}

    /** {@link #select(List, int, KillSelection, Map)} with no GROUP_BY spread to keep. */
    public static List<String> select(List<Candidate> instances, int count, KillSelection killSelection) {
        return select(instances, count, killSelection, Map.of());
    }

    /**
     * The ids of the {@code count} instances to stop, in the order to stop them (all of them when
     * {@code count} is at least their number).
     *
     * @param groupBy instance id → the value of the GROUP_BY attribute of its node (empty map when
     *        the app has no GROUP_BY constraint; an instance missing from it counts as its own value)
     */
    public static List<String> select(
            List<Candidate> instances, int count, KillSelection killSelection, Map<String, String> groupBy) {
        List<Candidate> left = new ArrayList<>(instances);
        Map<String, Integer> perValue = new HashMap<>();
        left.forEach(c -> perValue.merge(valueOf(c, groupBy), 1, Integer::sum));
        Comparator<Candidate> order = Comparator.comparingInt(ScaleDownSelector::tier)
                .thenComparing(Comparator.comparingInt((Candidate c) -> perValue.get(valueOf(c, groupBy)))
                        .reversed())
                .thenComparing(byKillSelection(killSelection))
                .thenComparing(Candidate::id);
        List<String> victims = new ArrayList<>();
        while (victims.size() < count && !left.isEmpty()) {
            Candidate victim = left.stream().min(order).orElseThrow();
            left.remove(victim);
            perValue.merge(valueOf(victim, groupBy), -1, Integer::sum);
            victims.add(victim.id());
        }
        return victims;
    }

    /** 0: not ready or not healthy; 1: outdated revision; 2: the rest. */
    static int tier(Candidate c) {
        if (!c.ready() || !c.healthy()) {
            return 0;
        }
        return c.currentRevision() ? 2 : 1;
    }

    private static Comparator<Candidate> byKillSelection(KillSelection killSelection) {
        Comparator<Candidate> oldestFirst =
                Comparator.comparing(Candidate::created, Comparator.nullsLast(Comparator.naturalOrder()));
        return killSelection == KillSelection.OldestFirst
                ? oldestFirst
                : Comparator.comparing(Candidate::created, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));
    }

    private static String valueOf(Candidate c, Map<String, String> groupBy) {
        String v = groupBy.get(c.id());
        return v != null ? "v:" + v : "id:" + Objects.requireNonNull(c.id());
    }
}
