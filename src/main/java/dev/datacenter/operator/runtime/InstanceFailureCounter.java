package dev.datacenter.operator.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts instance failures since the operator started (it only grows): the lifecycle calls
 * {@link #record()} once per failed instance ({@code app.InstanceFailures}), the state API reports
 * {@link #total()} as {@code cluster.taskFailures}, Prometheus reads {@code datacenter_instance_failures_total}.
 */
@Startup
@ApplicationScoped
public class InstanceFailureCounter {
    public static final String INSTANCE_FAILURES = "datacenter.instance.failures";

    private final AtomicLong total = new AtomicLong();
    private final Counter counter;

    @Inject
    public InstanceFailureCounter(MeterRegistry registry) {
        counter = Counter.builder(INSTANCE_FAILURES)
                .description("Instances that failed (counted once per failed pod)")
                .register(registry);
    }

    /** One instance failed. */
    public void record() {
        total.incrementAndGet();
        counter.increment();
    }

    /** Failures since start. */
    public long total() {
        return total.get();
    }
}
