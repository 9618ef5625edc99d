package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;

/**
 * The Events kube-scheduler records on a pod ({@code Scheduled}, {@code FailedScheduling}), so that
 * {@code kubectl describe pod} says where a pod went or why it is Pending.
 */
final class SchedulingEvents {

    private final KubernetesClient client;

    SchedulingEvents(KubernetesClient client) {
        this.client = client;
    }

    void scheduled(Pod pod, String node) {
        record(
                pod,
                "Normal",
                "Scheduled",
                "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName() + " to " + node);
    }

    void failedScheduling(Pod pod, String message) {
        record(pod, "Warning", "FailedScheduling", message);
    }

    private void record(Pod pod, String type, String reason, String message) {
        String now = Timestamps.now();
        client.v1()
                .events()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(pod.getMetadata().getName() + "."
                                + UUID.randomUUID().toString().substring(0, 8))
                        .withNamespace(pod.getMetadata().getNamespace())
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion("v1")
                        .withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid())
                        .endInvolvedObject()
                        .withType(type)
                        .withReason(reason)
                        .withMessage(message)
                        .withNewSource()
                        .withComponent("default-scheduler")
                        .endSource()
                        .withReportingComponent("default-scheduler")
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build())
                .create();
    }
}
