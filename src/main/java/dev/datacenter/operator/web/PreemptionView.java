package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A preemption of an allocation cycle: for {@code instance} of {@code app} (pool {@code pool}) the
 * {@code victims} on {@code node} are evicted, and the freed room is held for it until it is placed.
 */
@RegisterForReflection
public record PreemptionView(String pool, String app, String instance, String node, List<VictimView> victims) {

    /** One victim: its app, instance, pool and priority. */
    @RegisterForReflection
    public record VictimView(String app, String instance, String pool, int priority) {}
}
