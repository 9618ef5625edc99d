package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.InstanceCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Task gauges per app and per pool, as the lifecycle records them, and their removal with the app. */
class InstanceMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InstanceMetrics metrics = new InstanceMetrics(registry);

    @Test
    void appGaugesFollowTheStatusAndPoolGaugesSumTheApps() {
        metrics.record("shop", "jokes", "web", counts(3, 1, 2, 2, 0, 2));
        metrics.record("shop", "cart", "web", counts(2, 0, 2, 1, 1, 1));
        metrics.record("data", "db", "default", counts(1, 0, 1, 1, 0, 1));

        assertThat(app("shop", "jokes", "running")).isEqualTo(2);
        assertThat(app("shop", "jokes", "staged")).isEqualTo(1);
        assertThat(app("shop", "cart", "unhealthy")).isEqualTo(1);
        assertThat(pool("web", "running")).isEqualTo(4);
        assertThat(pool("web", "healthy")).isEqualTo(3);
        assertThat(pool("web", "ready")).isEqualTo(3);
        assertThat(pool("default", "total")).isEqualTo(1);

        metrics.record("shop", "jokes", "web", counts(3, 0, 3, 3, 0, 3));
        assertThat(app("shop", "jokes", "running")).isEqualTo(3);
        assertThat(pool("web", "running")).isEqualTo(5);
    }

    @Test
    void aDeletedAppLeavesNoSeriesAndItsPoolGoesWithItsLastApp() {
        metrics.record("shop", "jokes", "web", counts(1, 0, 1, 1, 0, 1));
        metrics.record("shop", "cart", "web", counts(1, 0, 1, 1, 0, 1));
        metrics.forget("shop", "jokes");
        assertThat(registry.find(InstanceMetrics.APP_INSTANCES)
                        .tag("app", "jokes")
                        .gauges())
                .isEmpty();
        assertThat(pool("web", "running")).isEqualTo(1);
        metrics.forget("shop", "cart");
        assertThat(registry.find(InstanceMetrics.APP_INSTANCES).gauges()).isEmpty();
        assertThat(registry.find(InstanceMetrics.POOL_INSTANCES).gauges()).isEmpty();
    }

    @Test
    void anAppMovedToAnotherPoolIsCountedThereOnly() {
        metrics.record("shop", "jokes", "web", counts(2, 0, 2, 2, 0, 2));
        metrics.record("shop", "jokes", "batch", counts(2, 0, 2, 2, 0, 2));
        assertThat(registry.find(InstanceMetrics.APP_INSTANCES)
                        .tag("pool", "web")
                        .gauges())
                .isEmpty();
        assertThat(registry.find(InstanceMetrics.POOL_INSTANCES)
                        .tag("pool", "web")
                        .gauges())
                .isEmpty();
        assertThat(pool("batch", "running")).isEqualTo(2);
    }

    private double app(String namespace, String app, String state) {
        Gauge g = registry.find(InstanceMetrics.APP_INSTANCES)
                .tag("namespace", namespace)
                .tag("app", app)
                .tag("state", state)
                .gauge();
        assertThat(g).as(namespace + "/" + app + " " + state).isNotNull();
        return g.value();
    }

    private double pool(String pool, String state) {
        Gauge g = registry.find(InstanceMetrics.POOL_INSTANCES)
                .tag("pool", pool)
                .tag("state", state)
                .gauge();
        assertThat(g).as(pool + " " + state).isNotNull();
        return g.value();
    }

    private static InstanceCounts counts(int total, int staged, int running, int healthy, int unhealthy, int ready) {
        InstanceCounts c = new InstanceCounts();
        c.setTotal(total);
        c.setStaged(staged);
        c.setRunning(running);
        c.setHealthy(healthy);
        c.setUnhealthy(unhealthy);
        c.setReady(ready);
        return c;
    }
}
