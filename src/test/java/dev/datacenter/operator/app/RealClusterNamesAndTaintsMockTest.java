package dev.datacenter.operator.app;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PendingReason;
import dev.datacenter.operator.model.Names;
import dev.datacenter.operator.sandbox.SimulatedKubelet;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real cluster has that a plain test cluster lacks, end to end on the in-process API with the simulated
 * kubelet: an app name beyond 63 characters, and tainted nodes (a GPU node tainted {@code nvidia.com/gpu}, a
 * dedicated node).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LifecycleCluster.class)
class RealClusterNamesAndTaintsMockTest {

    private static final String SEVENTY = "a-service-with-a-rather-long-name-that-a-real-team-might-pick-quite-ok";

    @Inject
    KubernetesClient client;

    private static SimulatedKubelet kubelet;

    @BeforeEach
    void startKubelet() {
        synchronized (RealClusterNamesAndTaintsMockTest.class) {
            if (kubelet == null) {
                kubelet = new SimulatedKubelet(client).start();
            }
        }
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
    }

    @Test
    void anAppWithA70CharacterNameReachesReadyAndEverythingFindsItsPodsByTheShortenedLabel() {
        assertThat(SEVENTY).hasSize(70);
        client.resource(TestObjects.app("long", SEVENTY, spec -> {
                    spec.setInstances(2);
                    dev.datacenter.operator.api.PortSpec http = new dev.datacenter.operator.api.PortSpec();
                    http.setName("http");
                    http.setContainerPort(8080);
                    spec.setPorts(List.of(http));
                }))
                .create();
        await("long name Ready", () -> ready("long", SEVENTY));

        String label = Names.appLabel(SEVENTY);
        assertThat(label).hasSizeLessThanOrEqualTo(63).isNotEqualTo(SEVENTY);
        List<Pod> pods = client.pods()
                .inNamespace("long")
                .withLabel(ApiGroup.LABEL_APP, label)
                .list()
                .getItems();
        assertThat(pods)
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.getMetadata().getName()).hasSizeLessThanOrEqualTo(63));
        DataCenterApp app = get("long", SEVENTY);
        assertThat(app.getStatus().getSelector()).isEqualTo(ApiGroup.LABEL_APP + "=" + label);
        assertThat(app.getStatus().getInstances().getReady()).isEqualTo(2);
        assertThat(app.getStatus().getInstances().getTotal())
                .as("found by label, not relaunched without end")
                .isEqualTo(2);
        Service service = client.services()
                .inNamespace("long")
                .withName(Names.serviceName(SEVENTY))
                .get();
        assertThat(service).as("the Service, named as a DNS-1035 label").isNotNull();
        assertThat(service.getMetadata().getName()).matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
        assertThat(service.getSpec().getSelector()).containsEntry(ApiGroup.LABEL_APP, label);
        assertThat(client.apps()
                        .controllerRevisions()
                        .inNamespace("long")
                        .list()
                        .getItems())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_APP, label));
    }

    @Test
    void aGpuAppLandsOnAGpuNodeTaintedNvidiaGpuAndADedicatedNodeTakesOnlyAppsThatTolerateIt() {
        Node gpu = LifecycleCluster.node("gpu-1", "a");
        gpu.getStatus().getAllocatable().put("nvidia.com/gpu", new Quantity("2"));
        gpu.getSpec()
                .setTaints(List.of(new TaintBuilder()
                        .withKey("nvidia.com/gpu")
                        .withValue("present")
                        .withEffect("NoSchedule")
                        .build()));
        client.resource(gpu).create();

        client.resource(TestObjects.app("taints", "train", spec -> {
                    spec.setInstances(1);
                    spec.getResources().setGpus(1);
                }))
                .create();
        await("GPU app Ready", () -> ready("taints", "train"));
        Pod trainer = client.pods()
                .inNamespace("taints")
                .withLabel(ApiGroup.LABEL_APP, "train")
                .list()
                .getItems()
                .get(0);
        assertThat(trainer.getSpec().getNodeName()).isEqualTo("gpu-1");
        assertThat(trainer.getSpec().getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));

        // every other node dedicated: an app without the toleration waits, with the reason
        for (int i = 1; i <= LifecycleCluster.NODES; i++) {
            client.nodes().withName("node-" + i).edit(n -> {
                n.getSpec()
                        .setTaints(List.of(new TaintBuilder()
                                .withKey("dedicated")
                                .withValue("batch")
                                .withEffect("NoSchedule")
                                .build()));
                return n;
            });
        }
        try {
            client.resource(TestObjects.app("taints", "plain", spec -> spec.setInstances(1)))
                    .create();
            await("plain waits UntoleratedTaint", () -> {
                DataCenterApp app = get("taints", "plain");
                return app != null
                        && app.getStatus() != null
                        && app.getStatus().getPending() != null
                        && app.getStatus().getPending().getReasons().stream()
                                .anyMatch(r -> r.getReason() == PendingReason.UntoleratedTaint
                                        && r.getNodes() == LifecycleCluster.NODES + 1);
            });

            client.resource(TestObjects.app("taints", "batch", spec -> {
                        spec.setInstances(1);
                        spec.setTolerations(List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "batch")));
                    }))
                    .create();
            await("batch Ready on a dedicated node", () -> ready("taints", "batch"));
        } finally {
            for (int i = 1; i <= LifecycleCluster.NODES; i++) {
                client.nodes().withName("node-" + i).edit(n -> {
                    n.getSpec().setTaints(List.of());
                    return n;
                });
            }
            client.nodes().withName("gpu-1").delete();
        }
        await("plain placed once the taint is gone", () -> ready("taints", "plain"));
    }

    private DataCenterApp get(String namespace, String name) {
        return client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private boolean ready(String namespace, String name) {
        DataCenterApp app = get(namespace, name);
        return app != null
                && app.getStatus() != null
                && ConditionReasons.ALL_INSTANCES_READY.equals(
                        Conditions.find(app.getStatus().getConditions(), ConditionReasons.READY)
                                .map(Condition::getReason)
                                .orElse(null));
    }
}
