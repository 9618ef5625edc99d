package dev.datacenter.operator.app;

import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.TaskFailure;
import dev.datacenter.operator.model.LaunchBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each app's launch backoff state (in memory, and recorded in {@code status.launchBackoff}: a new leader or a
 * restarted operator {@link #restore restores} it from there), and which failed pods
 * were already counted, so that a failure seen by several reconciles counts once.
 */
@ApplicationScoped
public class LaunchBackoffs {
    private final Map<String, LaunchBackoff.State> states = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> counted = new ConcurrentHashMap<>();
    private final Map<String, TaskFailure> lastFailure = new ConcurrentHashMap<>();

    /**
     * Remembers the app's newest failure: status is written from the cache, which may not show the
     * write that recorded it yet.
     */
    public void lastFailure(String appKey, TaskFailure failure) {
        lastFailure.put(appKey, failure);
    }

    public TaskFailure lastFailure(String appKey) {
        return lastFailure.get(appKey);
    }

    /** Counts the failure of pod {@code uid} once; returns whether it was new. */
    public boolean failed(String appKey, String uid, Backoff spec, Instant now, long revision) {
        if (!counted.computeIfAbsent(appKey, k -> ConcurrentHashMap.newKeySet()).add(uid)) {
            return false;
        }
        LaunchBackoff backoff = new LaunchBackoff(spec);
        states.merge(
                appKey,
                backoff.onFailure(LaunchBackoff.State.none(), now, revision),
                (old, first) -> backoff.onFailure(old, now, revision));
        return true;
    }

    /**
     * Takes over the backoff recorded in the app's status ({@code status.launchBackoff}) when this process has
     * none for the app yet: after a restart or a leader change, launches keep being delayed.
     */
    public void restore(String appKey, dev.datacenter.operator.api.DataCenterAppStatus status) {
        if (states.containsKey(appKey) || status == null || status.getLaunchBackoff() == null) {
            return;
        }
        dev.datacenter.operator.api.LaunchBackoffStatus b = status.getLaunchBackoff();
        if (b.getFailures() == null || b.getFailures() <= 0 || b.getLastFailureTime() == null) {
            return;
        }
        try {
            Instant last = Instant.parse(b.getLastFailureTime());
            states.putIfAbsent(
                    appKey,
                    new LaunchBackoff.State(b.getFailures(), last, b.getRevision() == null ? 0 : b.getRevision()));
        } catch (java.time.format.DateTimeParseException e) {
            // an unreadable record is no backoff
        }
    }

    /** {@code status.launchBackoff} for the state at {@code now}: null when the backoff no longer counts. */
    public static dev.datacenter.operator.api.LaunchBackoffStatus status(
            LaunchBackoff backoff, LaunchBackoff.State state, Instant now, long revision) {
        LaunchBackoff.State current = backoff.current(state, now, revision);
        if (current.failures() <= 0) {
            return null;
        }
        dev.datacenter.operator.api.LaunchBackoffStatus s = new dev.datacenter.operator.api.LaunchBackoffStatus();
        s.setFailures(current.failures());
        s.setLastFailureTime(current.lastFailure().toString());
        s.setRevision(current.revision());
        return s;
    }

    public LaunchBackoff.State state(String appKey) {
        return states.getOrDefault(appKey, LaunchBackoff.State.none());
    }

    /** Forgets counted uids of pods that no longer exist. */
    public void retain(String appKey, Set<String> presentUids) {
        Set<String> uids = counted.get(appKey);
        if (uids != null) {
            uids.retainAll(presentUids);
        }
    }

    public void forget(String appKey) {
        states.remove(appKey);
        counted.remove(appKey);
        lastFailure.remove(appKey);
    }
}
