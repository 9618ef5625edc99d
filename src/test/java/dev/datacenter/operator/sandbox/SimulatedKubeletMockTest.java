package dev.datacenter.operator.sandbox;

import static dev.datacenter.operator.sandbox.TestObjects.claim;
import static dev.datacenter.operator.sandbox.TestObjects.node;
import static dev.datacenter.operator.sandbox.TestObjects.pinnedPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated kubelet against fabric8's plain in-process API server in CRUD mode, the same server
 * {@code @WithKubernetesTestServer(crud = true)} gives the operator's {@code *MockTest}s.
 */
@EnableKubernetesMockClient(crud = true)
class SimulatedKubeletMockTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private SimulatedKubelet kubelet;

    @BeforeEach
    void startKubelet() {
        // the server lives for the whole class: start each test from the same nodes and no pods
        client.pods().inAnyNamespace().delete();
        client.nodes().resource(node("node-1", true)).createOr(existing -> existing.update());
        client.nodes().resource(node("node-2", true)).createOr(existing -> existing.update());
        client.nodes().resource(node("node-down", false)).createOr(existing -> existing.update());
        kubelet = new SimulatedKubelet(client).start();
    }

    @AfterEach
    void stopKubelet() {
        kubelet.close();
    }

    @Test
    void bindsPinnedPodToItsNodeAndReportsItRunningAndReadyThroughTheStatusPath() throws Exception {
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "web-0", "node-1", null))
                .create();

        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "web-0")))
                .containsEntry("PodScheduled", "True")
                .containsEntry("Initialized", "True")
                .containsEntry("ContainersReady", "True")
                .containsEntry("Ready", "True"));
        Pod pod = pod("demo", "web-0");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getHostIP()).isEqualTo("10.0.0.7");
        assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("Guaranteed");
        assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
            assertThat(c.getReady()).isTrue();
            assertThat(c.getState().getRunning().getStartedAt()).isNotBlank();
        });
        assertThat(podWritesCarryingStatusOutsideTheStatusPath()).isEmpty();
    }

    @Test
    void podPinnedToMissingNodeStaysPendingUnschedulable() {
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "lost-0", "node-nowhere", null))
                .create();

        Eventually.assertThat(
                () -> assertThat(conditions(pod("demo", "lost-0"))).containsEntry("PodScheduled", "False"));
        Pod pod = pod("demo", "lost-0");
        assertThat(pod.getSpec().getNodeName()).isNull();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        PodCondition scheduled = pod.getStatus().getConditions().get(0);
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).contains("node-nowhere does not exist");
        Eventually.assertThat(() -> assertThat(
                        client.v1().events().inNamespace("demo").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("lost-0");
                    assertThat(e.getReason()).isEqualTo("FailedScheduling");
                    assertThat(e.getMessage()).contains("node-nowhere does not exist");
                }));
    }

    @Test
    void podPinnedToNotReadyNodeStaysPendingUntilTheNodeIsReady() {
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "wait-0", "node-down", null))
                .create();
        Eventually.assertThat(
                () -> assertThat(conditions(pod("demo", "wait-0"))).containsEntry("PodScheduled", "False"));
        assertThat(pod("demo", "wait-0").getStatus().getConditions().get(0).getMessage())
                .contains("node-down is not ready");

        setReady("node-down", "True");

        Eventually.assertThat(
                () -> assertThat(conditions(pod("demo", "wait-0"))).containsEntry("Ready", "True"));
        assertThat(pod("demo", "wait-0").getSpec().getNodeName()).isEqualTo("node-down");
    }

    @Test
    void podOnNodeThatBecomesNotReadyIsNoLongerReady() {
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "web-1", "node-2", null))
                .create();
        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "web-1"))).containsEntry("Ready", "True"));

        setReady("node-2", "False");

        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "web-1"))).containsEntry("Ready", "False"));
        assertThat(pod("demo", "web-1").getSpec().getNodeName()).isEqualTo("node-2");
    }

    @Test
    void podPinnedToANodeWithoutRoomStaysUnschedulableAndForeignPodsCount() {
        // a pod someone else bound to node-1 takes 7.5 of its 8 cpus
        Pod foreign = pinnedPod("other", "foreign", "node-1", null);
        foreign.getSpec().setAffinity(null);
        foreign.getSpec().setNodeName("node-1");
        foreign.getSpec().getContainers().get(0).getResources().getRequests().put("cpu", new Quantity("7500m"));
        foreign.getSpec().getContainers().get(0).getResources().getLimits().put("cpu", new Quantity("7500m"));
        client.pods().inNamespace("other").resource(foreign).create();
        Eventually.assertThat(
                () -> assertThat(pod("other", "foreign").getStatus().getPhase()).isEqualTo("Running"));

        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "web-full", "node-1", null))
                .create();

        Eventually.assertThat(() -> assertThat(
                        pod("demo", "web-full").getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("PodScheduled");
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("Unschedulable");
                    assertThat(c.getMessage()).contains("Insufficient cpu");
                }));
        assertThat(pod("demo", "web-full").getSpec().getNodeName()).isNull();
        Eventually.assertThat(() -> assertThat(
                        client.v1().events().inNamespace("demo").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("FailedScheduling");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("web-full");
                }));
    }

    @Test
    void aNotReadyNodeIsTaintedNoExecuteAndPodsAreEvictedAfterTheirTolerationSeconds() {
        Pod untolerating = pinnedPod("demo", "untolerating", "node-2", null);
        untolerating
                .getSpec()
                .setTolerations(List.of(new TolerationBuilder()
                        .withKey(NoExecuteTaints.NOT_READY)
                        .withOperator("Exists")
                        .withEffect("NoExecute")
                        .withTolerationSeconds(1L)
                        .build()));
        client.pods().inNamespace("demo").resource(untolerating).create();
        Pod forEver = pinnedPod("demo", "for-ever", "node-2", null);
        forEver.getSpec()
                .setTolerations(List.of(new TolerationBuilder()
                        .withKey(NoExecuteTaints.NOT_READY)
                        .withOperator("Exists")
                        .withEffect("NoExecute")
                        .build()));
        client.pods().inNamespace("demo").resource(forEver).create();
        Eventually.assertThat(() ->
                assertThat(pod("demo", "untolerating").getStatus().getPhase()).isEqualTo("Running"));

        setReady("node-2", "False");

        Eventually.assertThat(() -> assertThat(
                        client.nodes().withName("node-2").get().getSpec().getTaints())
                .anySatisfy(t -> {
                    assertThat(t.getKey()).isEqualTo(NoExecuteTaints.NOT_READY);
                    assertThat(t.getEffect()).isEqualTo("NoExecute");
                }));
        Eventually.assertThat(() -> assertThat(pod("demo", "untolerating")).isNull());
        assertThat(pod("demo", "for-ever")).isNotNull();

        setReady("node-2", "True");

        Eventually.assertThat(() -> assertThat(
                        client.nodes().withName("node-2").get().getSpec().getTaints())
                .isNullOrEmpty());
    }

    @Test
    void podOfADeletedNodeIsGarbageCollected() {
        client.nodes().resource(node("node-gone", true)).create();
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "web-2", "node-gone", null))
                .create();
        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "web-2"))).containsEntry("Ready", "True"));

        client.nodes().withName("node-gone").delete();

        Eventually.assertThat(() -> assertThat(pod("demo", "web-2")).isNull());
    }

    @Test
    void pendingClaimOfPlacedPodIsBoundOnThePodsNode() {
        client.persistentVolumeClaims()
                .inNamespace("demo")
                .resource(claim("demo", "data-web-0", "10Gi"))
                .create();
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "db-0", "node-2", "data-web-0"))
                .create();

        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "db-0"))).containsEntry("Ready", "True"));
        PersistentVolumeClaim bound = client.persistentVolumeClaims()
                .inNamespace("demo")
                .withName("data-web-0")
                .get();
        assertThat(bound.getMetadata().getAnnotations()).containsEntry("volume.kubernetes.io/selected-node", "node-2");
        assertThat(bound.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(bound.getSpec().getVolumeName()).isNotBlank();
        PersistentVolume volume = client.persistentVolumes()
                .withName(bound.getSpec().getVolumeName())
                .get();
        assertThat(volume.getSpec().getCapacity().get("storage").toString()).isEqualTo("10Gi");
        assertThat(volume.getSpec().getLocal().getPath()).isNotBlank();
        assertThat(volume.getSpec().getClaimRef().getName()).isEqualTo("data-web-0");
        assertThat(volume.getSpec()
                        .getNodeAffinity()
                        .getRequired()
                        .getNodeSelectorTerms()
                        .get(0)
                        .getMatchExpressions())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(r.getValues()).containsExactly("node-2");
                });
    }

    @Test
    void podPinnedAwayFromItsBoundVolumeStaysPending() {
        client.persistentVolumeClaims()
                .inNamespace("demo")
                .resource(claim("demo", "data-db-1", "1Gi"))
                .create();
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "db-1", "node-1", "data-db-1"))
                .create();
        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "db-1"))).containsEntry("Ready", "True"));
        client.pods().inNamespace("demo").withName("db-1").delete();

        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "db-1b", "node-2", "data-db-1"))
                .create();

        Eventually.assertThat(
                () -> assertThat(conditions(pod("demo", "db-1b"))).containsEntry("PodScheduled", "False"));
        assertThat(pod("demo", "db-1b").getStatus().getConditions().get(0).getMessage())
                .contains("volume node affinity conflict");
        assertThat(pod("demo", "db-1b").getSpec().getNodeName()).isNull();
    }

    @Test
    void podWaitingForAMissingClaimStartsOnceTheClaimExists() {
        client.pods()
                .inNamespace("demo")
                .resource(pinnedPod("demo", "db-2", "node-1", "data-db-2"))
                .create();
        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "db-2"))).containsEntry("PodScheduled", "False"));
        assertThat(pod("demo", "db-2").getStatus().getConditions().get(0).getMessage())
                .contains("persistentvolumeclaim \"data-db-2\" not found");

        client.persistentVolumeClaims()
                .inNamespace("demo")
                .resource(claim("demo", "data-db-2", "1Gi"))
                .create();

        Eventually.assertThat(() -> assertThat(conditions(pod("demo", "db-2"))).containsEntry("Ready", "True"));
    }

    private static Pod pod(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static Map<String, String> conditions(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Map.of();
        }
        return pod.getStatus().getConditions().stream()
                .collect(Collectors.toMap(PodCondition::getType, PodCondition::getStatus, (a, b) -> b));
    }

    private static void setReady(String node, String status) {
        client.nodes().withName(node).editStatus(n -> {
            for (NodeCondition c : n.getStatus().getConditions()) {
                if (c.getType().equals("Ready")) {
                    c.setStatus(status);
                }
            }
            return n;
        });
    }

    /** Writes to a pod's main path (not {@code /status}) whose body touches the status: a kubelet never does that. */
    private static List<String> podWritesCarryingStatusOutsideTheStatusPath() throws InterruptedException {
        List<String> offending = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String path = request.getPath();
            boolean podMainPath = path.matches("/api/v1/namespaces/[^/]+/pods/[^/?]+(\\?.*)?");
            boolean write = List.of("PUT", "PATCH").contains(request.getMethod());
            if (podMainPath && write && request.getUtf8Body().contains("/status")) {
                offending.add(request.getMethod() + " " + path + " " + request.getUtf8Body());
            }
        }
        return offending;
    }
}
