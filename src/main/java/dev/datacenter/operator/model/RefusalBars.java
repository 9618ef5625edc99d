package dev.datacenter.operator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The nodes one app's instances are barred from because they refused them: per instance ordinal and node,
 * how often it refused and until when the bar holds. Each refusal of the same instance by the same node
 * doubles the bar, from {@link #FIRST} up to {@link #MAX}; a bar that ran out is forgotten after
 * {@link #MAX} more (so a node that refused long ago starts again at {@link #FIRST}). Not thread-safe.
 */
public final class RefusalBars {
    /** The first bar of a node for an instance. */
    public static final Duration FIRST = Duration.ofMinutes(1);
    /** The longest bar. */
    public static final Duration MAX = Duration.ofMinutes(15);

    private record Bar(int refusals, Instant until) {}

    private final Map<Integer, Map<String, Bar>> bars = new HashMap<>();

    /** Records a refusal of instance {@code ordinal} by {@code node} at {@code now}; returns how long the node is barred. */
    public Duration refused(int ordinal, String node, Instant now) {
        Map<String, Bar> nodes = bars.computeIfAbsent(ordinal, o -> new HashMap<>());
        Bar old = nodes.get(node);
        int refusals = old == null || now.isAfter(old.until().plus(MAX)) ? 1 : old.refusals() + 1;
        Duration bar = duration(refusals);
        nodes.put(node, new Bar(refusals, now.plus(bar)));
        return bar;
    }

    /** {@link #FIRST} × 2^(refusals-1), at most {@link #MAX}. */
    static Duration duration(int refusals) {
        long seconds = FIRST.getSeconds() << Math.min(Math.max(refusals - 1, 0), 20);
        return seconds >= MAX.getSeconds() ? MAX : Duration.ofSeconds(seconds);
    }

    /** The nodes each instance is barred from at {@code now} (ordinals without a current bar left out). */
    public Map<Integer, Set<String>> barred(Instant now) {
        Map<Integer, Set<String>> out = new TreeMap<>();
        bars.forEach((ordinal, nodes) -> nodes.forEach((node, bar) -> {
            if (now.isBefore(bar.until())) {
                out.computeIfAbsent(ordinal, o -> new TreeSet<>()).add(node);
            }
        }));
        return out;
    }

    /** When the next current bar runs out (the app's placement changes then), or null. */
    public Instant nextExpiry(Instant now) {
        Instant next = null;
        for (Map<String, Bar> nodes : bars.values()) {
            for (Bar bar : nodes.values()) {
                if (now.isBefore(bar.until()) && (next == null || bar.until().isBefore(next))) {
                    next = bar.until();
                }
            }
        }
        return next;
    }

    /** Drops bars that ran out more than {@link #MAX} ago; returns whether none is left. */
    public boolean prune(Instant now) {
        bars.values()
                .forEach(nodes ->
                        nodes.values().removeIf(bar -> now.isAfter(bar.until().plus(MAX))));
        bars.values().removeIf(Map::isEmpty);
        return bars.isEmpty();
    }
}
