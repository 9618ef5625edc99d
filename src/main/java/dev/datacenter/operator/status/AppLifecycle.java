package dev.datacenter.operator.status;

import dev.datacenter.operator.api.InstanceCounts;
import dev.datacenter.operator.api.LaunchDelay;
import dev.datacenter.operator.api.PendingStatus;
import dev.datacenter.operator.api.TaskFailure;

/**
 * What the lifecycle found about an app's instances, for status: counts, what waits for a node and why
 * (null when nothing waits), the launch delay while backoff holds (null otherwise), the newest failure
 * (the previous one when none is newer), and where the rollout to {@code revision} stands.
 *
 * @param wanted         spec.instances
 * @param rolloutMessage one line: the rollout step, or the deadlock explanation
 */
public record AppLifecycle(
        InstanceCounts counts,
        int wanted,
        PendingStatus pending,
        LaunchDelay delay,
        TaskFailure lastTaskFailure,
        long revision,
        Rollout rollout,
        String rolloutMessage) {

    /** Where the rollout stands. */
    public enum Rollout {
        COMPLETE,
        IN_PROGRESS,
        DEADLOCKED
    }

    public int pendingCount() {
        return pending == null || pending.getCount() == null ? 0 : pending.getCount();
    }
}
