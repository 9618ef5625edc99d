package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * One history sample at {@code time} (ISO-8601): allocation ratios for the cluster and per pool, tasks
 * running, and the task failures counted since the previous sample.
 */
@RegisterForReflection
public record HistoryPoint(
        String time,
        AllocationSample cluster,
        Map<String, AllocationSample> pools,
        int tasksRunning,
        long taskFailures) {}
