package dev.datacenter.operator.app;

import dev.datacenter.operator.api.InstanceCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task gauges, from the instance counts each reconcile writes to an app's status:
 * {@code datacenter_app_instances{namespace,app,pool,state}} and their sums per pool,
 * {@code datacenter_pool_instances{pool,state}}, for {@code state} in {@link #STATES}. An app's series go
 * when the app is deleted (or moves to another pool); a pool's when its last app goes.
 */
@ApplicationScoped
public class InstanceMetrics {
    public static final String APP_INSTANCES = "datacenter.app.instances";
    public static final String POOL_INSTANCES = "datacenter.pool.instances";
    /** The {@code state} tag values: the fields of {@code status.instances}. */
    public static final List<String> STATES = List.of("total", "staged", "running", "healthy", "unhealthy", "ready");

    private record Recorded(String pool, int[] counts, List<Meter> meters) {}

    private final MeterRegistry registry;
    private final Map<String, Recorded> apps = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> pools = new ConcurrentHashMap<>();

    @Inject
    public InstanceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The app's newest instance counts (null counts read as 0). */
    public synchronized void record(String namespace, String app, String pool, InstanceCounts counts) {
        String key = namespace + "/" + app;
        Recorded r = apps.get(key);
        if (r != null && !r.pool().equals(pool)) {
            forget(namespace, app);
            r = null;
        }
        if (r == null) {
            r = register(namespace, app, pool);
            apps.put(key, r);
            pools.computeIfAbsent(pool, this::registerPool);
        }
        int[] values = values(counts);
        System.arraycopy(values, 0, r.counts(), 0, values.length);
    }

    /** The app is gone: its series go, and its pool's when no other app of the pool remains. */
    public synchronized void forget(String namespace, String app) {
        Recorded r = apps.remove(namespace + "/" + app);
        if (r == null) {
            return;
        }
        r.meters().forEach(registry::remove);
        boolean poolInUse = apps.values().stream().anyMatch(o -> o.pool().equals(r.pool()));
        if (!poolInUse) {
            List<Meter> meters = pools.remove(r.pool());
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
    }

    private Recorded register(String namespace, String app, String pool) {
        int[] counts = new int[STATES.size()];
        List<Meter> meters = new ArrayList<>();
        for (int i = 0; i < STATES.size(); i++) {
            int index = i;
            meters.add(Gauge.builder(APP_INSTANCES, counts, c -> c[index])
                    .description("Instances of the app, by state (status.instances)")
                    .tags(Tags.of("namespace", namespace, "app", app, "pool", pool, "state", STATES.get(i)))
                    .register(registry));
        }
        return new Recorded(pool, counts, meters);
    }

    private List<Meter> registerPool(String pool) {
        List<Meter> meters = new ArrayList<>();
        for (int i = 0; i < STATES.size(); i++) {
            int index = i;
            meters.add(Gauge.builder(POOL_INSTANCES, this, m -> m.sum(pool, index))
                    .description("Instances of the pool's apps, by state")
                    .tags(Tags.of("pool", pool, "state", STATES.get(i)))
                    .register(registry));
        }
        return meters;
    }

    private double sum(String pool, int index) {
        double sum = 0;
        for (Recorded r : apps.values()) {
            if (r.pool().equals(pool)) {
                sum += r.counts()[index];
            }
        }
        return sum;
    }

    private static int[] values(InstanceCounts c) {
        if (c == null) {
            return new int[STATES.size()];
        }
        return new int[] {
            n(c.getTotal()),
            n(c.getStaged()),
            n(c.getRunning()),
            n(c.getHealthy()),
            n(c.getUnhealthy()),
            n(c.getReady())
        };
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
