package dev.datacenter.operator.model;

import dev.datacenter.operator.placement.RunningTask;
import java.util.Optional;

/**
 * One instance of an app: the app and the instance's ordinal. Its {@link #taskId()}
 * ({@code namespace/name#ordinal}) is the placement engine's id of the instance's task; {@link #ofTask}
 * reads it back (and tells an instance from a foreign pod's task, whose id has no ordinal).
 */
public record InstanceKey(AppKey app, int ordinal) {

    /** The engine's task id of this instance. */
    public String taskId() {
        return taskId(app.engineKey(), ordinal);
    }

    /** The engine's task id of instance {@code ordinal} of the app with engine key {@code appKey}. */
    public static String taskId(String appKey, int ordinal) {
        return RunningTask.instanceId(appKey, ordinal);
    }

    /**
     * The instance whose task id ({@link RunningTask#instanceId}: {@code appKey#ordinal}) this is; empty for
     * any other task (a foreign pod's, say).
     */
    public static Optional<InstanceKey> ofTask(String taskId) {
        int hash = taskId.lastIndexOf('#');
        int slash = taskId.indexOf('/');
        if (hash < 0 || slash < 0 || slash > hash || taskId.startsWith("pod:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InstanceKey(
                    AppKey.parse(taskId.substring(0, hash)), Integer.parseInt(taskId.substring(hash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code taskId} is the task of an instance of the app with engine key {@code appKey}. */
    public static boolean isOf(String taskId, String appKey) {
        return taskId.startsWith(appKey + "#");
    }

    @Override
    public String toString() {
        return taskId();
    }
}
