package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.TaskFailure;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.model.InstanceState;
import dev.datacenter.operator.runtime.InstanceFailureCounter;
import dev.datacenter.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ended instances (pod phase Failed, a container exited non-zero, crash-looping, image not pulled, or
 * phase Succeeded: a service is not meant to end):
 * each is counted once for the app's launch backoff, deleted (its ordinal is then relaunched on any node
 * that fits, once the backoff lets it), reported as an event, and the newest becomes
 * {@code status.lastTaskFailure}.
 */
@ApplicationScoped
public class InstanceFailures {

    @Inject
    LaunchBackoffs backoffs;

    @Inject
    InstanceDeleter deleter;

    @Inject
    AppEvents events;

    @Inject
    InstanceFailureCounter failureCounter;

    /** Handles the failed members; returns the app's newest failure known to this process, or null. */
    public TaskFailure handle(DataCenterApp app, String appKey, List<Member> members, long revision, Instant now) {
        TaskFailure newest = null;
        for (Member m : members) {
            if (!m.ended() || m.terminating()) {
                continue;
            }
            TaskFailure failure = failure(m, now);
            if (backoffs.failed(appKey, m.uid(), app.getSpec().getBackoff(), now, revision)) {
                failureCounter.record();
                events.record(
                        app,
                        AppEvents.WARNING,
                        "InstanceFailed",
                        failure.getInstance() + " on " + failure.getNode() + ": " + failure.getReason() + ": "
                                + failure.getMessage());
            }
            deleter.delete(appKey, m.pod());
            newest = failure;
        }
        if (newest != null) {
            backoffs.lastFailure(appKey, newest);
        }
        return newest != null ? newest : backoffs.lastFailure(appKey);
    }

    private static TaskFailure failure(Member m, Instant now) {
        InstanceState.Failure f = m.state().failure();
        TaskFailure t = new TaskFailure();
        Map<String, String> labels = m.pod().getMetadata().getLabels();
        t.setInstance(labels.getOrDefault(ApiGroup.LABEL_INSTANCE, m.name()));
        t.setNode(m.node());
        boolean finished = m.state().stage() == InstanceState.Stage.FINISHED;
        t.setReason(f != null ? f.reason() : finished ? "Completed" : "Failed");
        t.setMessage(
                f != null
                        ? f.message()
                        : finished ? "the command exited 0; a service is expected to keep running" : "the pod failed");
        t.setTime(f != null && f.time() != null ? f.time() : Conditions.timestamp(now));
        return t;
    }
}
