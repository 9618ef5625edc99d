package dev.datacenter.operator.app;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.PendingReason;
import dev.datacenter.operator.api.PendingReasonCount;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Pods the cluster refuses, on the in-process API with five nodes and no simulated kubelet: each test writes
 * the refusal into the pod's status itself, through the status path, as kube-scheduler or the kubelet would.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = RefusedPodsCluster.class)
class RefusedPodsMockTest {

    @Inject
    KubernetesClient client;

    @Test
    void aPodLeftUnschedulableLongerThanRefusedAfterIsReleasedAndPlacedOnAnotherNode() {
        create("refused-sched", "web", spec -> spec.setInstances(1));
        Pod first = awaitOnePod("refused-sched", "web");
        String node = node(first);

        // kube-scheduler: a foreign pod took the room first; Unschedulable for a minute (refused-after is 30s).
        // The scheduler says so again at each attempt, as the real one does, until the pod is gone.
        Runnable unschedulable = () -> writeStatus(first, status -> {
            status.setPhase("Pending");
            status.setConditions(List.of(new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withReason("Unschedulable")
                    .withMessage("0/5 nodes are available: 1 Insufficient cpu")
                    .withLastTransitionTime(Instant.now().minusSeconds(60).toString())
                    .build()));
            return status;
        });
        unschedulable.run();

        await("refused-sched/web replaced", () -> {
            List<Pod> pods = pods("refused-sched", "web");
            if (pods.stream()
                    .anyMatch(p ->
                            p.getMetadata().getUid().equals(first.getMetadata().getUid()) && !unschedulable(p))) {
                unschedulable.run();
            }
            return pods.size() == 1
                    && !pods.get(0)
                            .getMetadata()
                            .getUid()
                            .equals(first.getMetadata().getUid());
        });
        Pod replacement = pods("refused-sched", "web").get(0);
        assertThat(node(replacement)).as("placed elsewhere").isNotEqualTo(node);
        assertThat(replacement.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_ORDINAL, "0");
        assertThat(refusedEvents("refused-sched"))
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("node " + node + " refused instance web-0")
                        .contains("Unschedulable")
                        .contains("Insufficient cpu"));
        assertThat(get("refused-sched", "web").getStatus().getDelay())
                .as("a refusal is no failure: no launch backoff")
                .isNull();
    }

    @Test
    void aPodFailedAtKubeletAdmissionIsReleasedAtOnceWithoutCountingAsAFailure() {
        create("refused-admit", "api", spec -> spec.setInstances(1));
        Pod first = awaitOnePod("refused-admit", "api");
        String node = node(first);

        Runnable refuse = () -> writeStatus(first, status -> {
            status.setPhase("Failed");
            status.setReason("OutOfcpu");
            status.setMessage("Pod was rejected: Node didn't have enough resource: cpu");
            return status;
        });
        refuse.run();

        // the in-process API lets a write of the whole pod (a label patch) replace its status, which a real
        // API server never does: the kubelet's verdict is written again while the old pod is there without it
        await("refused-admit/api replaced", () -> {
            List<Pod> pods = pods("refused-admit", "api");
            if (pods.stream()
                    .anyMatch(p ->
                            p.getMetadata().getUid().equals(first.getMetadata().getUid())
                                    && (p.getStatus() == null
                                            || !"Failed".equals(p.getStatus().getPhase())))) {
                refuse.run();
            }
            return pods.size() == 1
                    && !pods.get(0)
                            .getMetadata()
                            .getUid()
                            .equals(first.getMetadata().getUid());
        });
        Pod replacement = pods("refused-admit", "api").get(0);
        assertThat(node(replacement)).isNotEqualTo(node);
        DataCenterApp app = get("refused-admit", "api");
        assertThat(app.getStatus().getDelay()).isNull();
        assertThat(app.getStatus().getLastTaskFailure())
                .as("not reported as a task failure")
                .isNull();
        assertThat(events("refused-admit", "InstanceFailed")).isEmpty();
        assertThat(refusedEvents("refused-admit"))
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("OutOfcpu"));
    }

    @Test
    void anInstanceWhoseOnlyAllowedNodeRefusedItWaitsWithPendingReasonRefusedByNode() {
        create("refused-only", "db", spec -> {
            spec.setInstances(1);
            spec.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.IS, "node-3")));
        });
        Pod first = awaitOnePod("refused-only", "db");
        assertThat(node(first)).isEqualTo("node-3");

        Runnable refuse = () -> writeStatus(first, status -> {
            status.setPhase("Failed");
            status.setReason("NodeAffinity");
            status.setMessage("Predicate NodeAffinity failed");
            return status;
        });
        refuse.run();

        await("pending RefusedByNode", () -> {
            if (pods("refused-only", "db").stream()
                    .anyMatch(p ->
                            p.getMetadata().getUid().equals(first.getMetadata().getUid())
                                    && (p.getStatus() == null
                                            || !"Failed".equals(p.getStatus().getPhase())))) {
                refuse.run(); // the refusal must be on the pod the operator reads
            }
            DataCenterApp app = get("refused-only", "db");
            return app.getStatus() != null
                    && app.getStatus().getPending() != null
                    && app.getStatus().getPending().getReasons().stream()
                            .anyMatch(r -> r.getReason() == PendingReason.RefusedByNode);
        });
        List<PendingReasonCount> reasons =
                get("refused-only", "db").getStatus().getPending().getReasons();
        assertThat(reasons)
                .filteredOn(r -> r.getReason() == PendingReason.RefusedByNode)
                .singleElement()
                .satisfies(r -> assertThat(r.getNodes()).isEqualTo(1));
        assertThat(pods("refused-only", "db"))
                .as("not relaunched on the node that refused it")
                .isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private void create(String namespace, String name, Consumer<DataCenterAppSpec> customize) {
        client.resource(TestObjects.app(namespace, name, customize)).create();
    }

    private DataCenterApp get(String namespace, String name) {
        return client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .list()
                .getItems();
    }

    private Pod awaitOnePod(String namespace, String app) {
        await(namespace + "/" + app + " one pod", () -> pods(namespace, app).size() == 1);
        return pods(namespace, app).get(0);
    }

    private void writeStatus(Pod pod, UnaryOperator<io.fabric8.kubernetes.api.model.PodStatus> change) {
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .editStatus(p -> {
                    if (p.getStatus() == null) {
                        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                    }
                    p.setStatus(change.apply(p.getStatus()));
                    return p;
                });
    }

    private static boolean unschedulable(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason()));
    }

    private static String node(Pod pod) {
        return pod.getMetadata().getAnnotations().get(ApiGroup.ANNOTATION_NODE);
    }

    private List<Event> events(String namespace, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    private List<Event> refusedEvents(String namespace) {
        await(
                namespace + " RefusedByNode event",
                () -> !events(namespace, "RefusedByNode").isEmpty());
        return events(namespace, "RefusedByNode");
    }
}
