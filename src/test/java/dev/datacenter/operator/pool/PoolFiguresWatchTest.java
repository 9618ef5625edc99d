package dev.datacenter.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.Resources;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pools are enqueued when their figures change, and only then. */
class PoolFiguresWatchTest {

    @Test
    void onlyChangedOrRemovedPoolsAreEnqueued() {
        List<ResourceKey> enqueued = new ArrayList<>();
        PoolFiguresWatch watch = new PoolFiguresWatch();
        watch.queue = new ReconcileQueue() {
            @Override
            public void enqueue(ResourceKey key) {
                enqueued.add(key);
            }
        };
        List<PoolFigures> first = List.of(figures("a", 1), figures("b", 2));
        watch.publish(first);
        assertThat(enqueued).containsExactly(ResourceKey.pool("a"), ResourceKey.pool("b"));

        enqueued.clear();
        watch.publish(first);
        watch.publish(List.of(figures("a", 1), figures("b", 2)));
        assertThat(enqueued).as("same figures, new list: nothing").isEmpty();

        watch.publish(List.of(figures("a", 1), figures("b", 3)));
        assertThat(enqueued).containsExactly(ResourceKey.pool("b"));
        assertThat(watch.figures("b"))
                .hasValueSatisfying(f -> assertThat(f.pendingInstances()).isEqualTo(3));

        enqueued.clear();
        watch.publish(List.of(figures("b", 3)));
        assertThat(enqueued).containsExactly(ResourceKey.pool("a"));
        assertThat(watch.figures("a")).isEmpty();
    }

    private static PoolFigures figures(String name, int pending) {
        return new PoolFigures(
                name,
                1,
                new Resources(4000, 1L << 33, 0, 0),
                Resources.ZERO,
                Resources.ZERO,
                Resources.ZERO,
                0,
                0,
                1,
                pending);
    }
}
