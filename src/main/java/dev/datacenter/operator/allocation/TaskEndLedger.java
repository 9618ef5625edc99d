package dev.datacenter.operator.allocation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ends of instance tasks the allocation loop has drained, each stamped with a number that only grows, kept per
 * app until a request made knowing of them arrives.
 *
 * <p>A reconciler reads {@link #newest()} before it looks at an app's pods and hands the stamp back with its request
 * ({@link AppPlacement#seen}). A request may then ask for an ordinal that had no pod when the reconciler looked, but
 * whose pod was placed and ended (refused by its node, say) before the request reached the loop: offering that
 * ordinal would skip what the reconciler decides about the end (a backoff, a bar on the node that refused it).
 * {@link #unknownTo} names such ordinals; the loop leaves them out and asks the reconciler again.
 *
 * <p>{@link #newest()} may be read from any thread; the rest is the loop thread's.
 */
final class TaskEndLedger {
    private final AtomicLong stamps = new AtomicLong();
    private final Map<String, Map<Integer, Long>> ended = new HashMap<>();

    /** The stamp of the newest task end drained so far (0 before the first). */
    long newest() {
        return stamps.get();
    }

    /** The task of that instance ended: stamps it with the next number. */
    void ended(String appKey, int ordinal) {
        ended.computeIfAbsent(appKey, k -> new HashMap<>()).put(ordinal, stamps.incrementAndGet());
    }

    /** The app went away: nothing of it is kept. */
    void forget(String appKey) {
        ended.remove(appKey);
    }

    /**
     * The ordinals of {@code pending} whose task ended after a request made at stamp {@code seen}. Ends that request
     * knew of are forgotten: every later request of the app knows of them too.
     */
    Set<Integer> unknownTo(String appKey, Set<Integer> pending, long seen) {
        Map<Integer, Long> ends = ended.get(appKey);
        if (ends == null) {
            return Set.of();
        }
        ends.values().removeIf(stamp -> stamp <= seen);
        if (ends.isEmpty()) {
            ended.remove(appKey);
            return Set.of();
        }
        Set<Integer> stale = new TreeSet<>(pending);
        stale.retainAll(ends.keySet());
        return stale;
    }

    /** How many apps have ends kept (for tests). */
    int appsKept() {
        return ended.size();
    }
}
