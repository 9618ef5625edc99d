package dev.datacenter.operator.pool;

import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest figures of every pool, as the allocation loop publishes them after each cycle. A pool whose
 * figures differ from those last published is enqueued, so its status follows the cycles without the
 * pool reconciler polling. Publishing the same list again costs one reference comparison.
 */
@ApplicationScoped
public class PoolFiguresWatch {

    @Inject
    ReconcileQueue queue;

    private final Map<String, PoolFigures> latest = new ConcurrentHashMap<>();
    private volatile List<PoolFigures> lastList;

    /** Called by the allocation loop after every cycle with {@code CycleResult.pools()}. */
    public void publish(List<PoolFigures> figures) {
        if (figures == null || figures == lastList) {
            return;
        }
        lastList = figures;
        Set<String> seen = new HashSet<>();
        for (PoolFigures f : figures) {
            seen.add(f.name());
            if (!f.equals(latest.put(f.name(), f))) {
                queue.enqueue(ResourceKey.pool(f.name()));
            }
        }
        for (String name : Set.copyOf(latest.keySet())) {
            if (!seen.contains(name) && latest.remove(name) != null) {
                queue.enqueue(ResourceKey.pool(name));
            }
        }
    }

    /** The pool's newest figures, or empty before the first cycle that knew it. */
    public Optional<PoolFigures> figures(String pool) {
        return Optional.ofNullable(latest.get(pool));
    }
}
