package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The writes of the operator acting as a pod scheduler: the {@code pods/binding} subresource, the pod's
 * {@code PodScheduled} condition (through the status subresource), and scheduler events. Blocking calls:
 * the allocation loop runs them on its writer threads.
 */
@ApplicationScoped
public class PodScheduling {

    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String FAILED_SCHEDULING = "FailedScheduling";

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    public PodScheduling() {}

    /**
     * Writes through this client directly, neither limited nor counted (for use outside CDI: a plain client's
     * raw binding rate in the benchmark, tests of the sandbox).
     */
    public PodScheduling(KubernetesClient client) {
        this.client = client;
    }

    /** Every write of the operator passes {@link ClusterWrites}: limited and counted. */
    private <V> V write(String verb, String kind, Supplier<V> write) {
        return writes == null ? write.get() : writes.write(verb, kind, write);
    }

    /** The reporting component of our events, as kube-scheduler's are reported by "default-scheduler". */
    public static final String COMPONENT = "datacenter-scheduler";

    /**
     * POSTs a {@code Binding} of the pod to the node to {@code pods/{name}/binding}.
     *
     * @throws KubernetesClientException with the API's code when it refuses (404 pod gone, 409 already bound)
     */
    public void bind(String namespace, String pod, String node) {
        String url = client.getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/" + namespace
                + "/pods/" + pod + "/binding";
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + pod
                + "\",\"namespace\":\"" + namespace + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                + "\"name\":\"" + node + "\"}}";
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(url)
                .post("application/json", body)
                .build();
        write("bind", "Pod", () -> {
            HttpResponse<String> response;
            try {
                response = http.sendAsync(request, String.class).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubernetesClientException("interrupted while binding " + namespace + "/" + pod, e);
            } catch (ExecutionException e) {
                throw new KubernetesClientException("binding " + namespace + "/" + pod + " failed: " + e.getCause(), e);
            }
            if (!response.isSuccessful()) {
                throw new KubernetesClientException(
                        "binding " + namespace + "/" + pod + " to " + node + " refused: " + response.body(),
                        response.code(),
                        null);
            }
            return response;
        });
    }

    /**
     * Sets the pod's {@code PodScheduled=False, reason Unschedulable} condition with the message, through the
     * status subresource; other conditions are kept. Returns false when the pod already says exactly that.
     */
    public boolean markUnschedulable(Pod pod, String message) {
        if (saysUnschedulable(pod, message)) {
            return false;
        }
        write(
                "update-status",
                "Pod",
                () -> client.pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .editStatus(p -> {
                            if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                                return p; // bound meanwhile: nothing to say
                            }
                            if (p.getStatus() == null) {
                                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                            }
                            if (p.getStatus().getPhase() == null) {
                                p.getStatus().setPhase("Pending");
                            }
                            List<PodCondition> conditions = new ArrayList<>();
                            Optional<PodCondition> old = Optional.empty();
                            for (PodCondition c : Optional.ofNullable(
                                            p.getStatus().getConditions())
                                    .orElse(List.of())) {
                                if (POD_SCHEDULED.equals(c.getType())) old = Optional.of(c);
                                else conditions.add(c);
                            }
                            String since = old.filter(c -> "False".equals(c.getStatus()))
                                    .map(PodCondition::getLastTransitionTime)
                                    .orElse(now());
                            conditions.add(new PodConditionBuilder()
                                    .withType(POD_SCHEDULED)
                                    .withStatus("False")
                                    .withReason(UNSCHEDULABLE)
                                    .withMessage(message)
                                    .withLastTransitionTime(since)
                                    .build());
                            p.getStatus().setConditions(conditions);
                            return p;
                        }));
        return true;
    }

    /** Whether the pod's PodScheduled condition already is False/Unschedulable with this message. */
    public static boolean saysUnschedulable(Pod pod, String message) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> POD_SCHEDULED.equals(c.getType())
                        && "False".equals(c.getStatus())
                        && UNSCHEDULABLE.equals(c.getReason())
                        && message.equals(c.getMessage()));
    }

    /** A Warning {@code FailedScheduling} event on the pod. */
    public void failedScheduling(Pod pod, String message) {
        event(pod, "Warning", FAILED_SCHEDULING, message);
    }

    /** A Warning {@code Preempted} event on a pod evicted to make room for another. */
    public void preempted(Pod pod, String message) {
        event(pod, "Warning", "Preempted", message);
    }

    /** A Normal {@code Preempting} event on a waiting pod for which another was evicted. */
    public void preempting(Pod pod, String message) {
        event(pod, "Normal", "Preempting", message);
    }

    /** A Normal {@code Scheduled} event on the pod. */
    public void scheduled(Pod pod, String node) {
        event(
                pod,
                "Normal",
                "Scheduled",
                "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName() + " to " + node);
    }

    private void event(Pod pod, String type, String reason, String message) {
        String now = now();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName() + "."
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
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
                .withComponent(COMPONENT)
                .endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        write(
                "create",
                "Event",
                () -> client.v1()
                        .events()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .resource(event)
                        .create());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
