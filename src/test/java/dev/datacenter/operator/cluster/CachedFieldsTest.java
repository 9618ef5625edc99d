package dev.datacenter.operator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedFieldsTest {

    private static Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("web")
                .addToLabels("datacenter.dev/app", new String("jokes"))
                .addToAnnotations("datacenter.dev/node", "node-a1")
                .addToAnnotations(CachedFields.LAST_APPLIED, "{\"a\":\"whole object again\"}")
                .withManagedFields(
                        new ManagedFieldsEntryBuilder().withManager("kubectl").build())
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-a1")
                .addNewContainer()
                .withName("main")
                .withImage("docker.io/hashicorp/http-echo:1.0")
                .withArgs("-listen=:8080", "-text=a long text")
                .addNewEnv()
                .withName("SECRET_LOOKING")
                .withValue("x")
                .endEnv()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/")
                .endHttpGet()
                .endReadinessProbe()
                .addNewPort()
                .withContainerPort(8080)
                .withHostPort(31000)
                .endPort()
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build();
    }

    @Test
    void aPodKeepsWhatTheEngineAndReconcilersReadAndLosesTheRest() {
        Pod pod = pod("jokes-1");
        Resources before = EngineInputs.requests(pod);
        Pod slim = CachedFields.slim(pod);
        assertEquals(before, EngineInputs.requests(slim), "requests reach the engine unchanged");
        assertEquals(
                31000, slim.getSpec().getContainers().get(0).getPorts().get(0).getHostPort());
        assertEquals("node-a1", slim.getSpec().getNodeName());
        assertEquals("Running", slim.getStatus().getPhase());
        assertEquals(Map.of("datacenter.dev/app", "jokes"), slim.getMetadata().getLabels());
        assertEquals(
                Map.of("datacenter.dev/node", "node-a1"), slim.getMetadata().getAnnotations());
        assertEquals(
                "docker.io/hashicorp/http-echo:1.0",
                slim.getSpec().getContainers().get(0).getImage());
        assertNull(slim.getMetadata().getManagedFields());
        assertNull(slim.getSpec().getContainers().get(0).getArgs());
        assertNull(slim.getSpec().getContainers().get(0).getEnv());
        assertNull(slim.getSpec().getContainers().get(0).getReadinessProbe());
    }

    @Test
    void equalStringsOfManyPodsAreKeptOnce() {
        Pod a = CachedFields.slim(pod("jokes-1"));
        Pod b = CachedFields.slim(pod("jokes-2"));
        assertSame(
                a.getMetadata().getLabels().get("datacenter.dev/app"),
                b.getMetadata().getLabels().get("datacenter.dev/app"));
    }

    @Test
    void aNodeLosesItsImageList() {
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName("node-a1")
                .addToLabels("rack", "rack-1")
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("16"))
                .withImages(new ContainerImageBuilder()
                        .addToNames("postgres:16")
                        .withSizeBytes(400_000_000L)
                        .build())
                .endStatus()
                .build();
        Node slim = CachedFields.slim(node);
        assertNull(slim.getStatus().getImages());
        assertEquals(new Quantity("16"), slim.getStatus().getAllocatable().get("cpu"));
        assertEquals(Map.of("rack", "rack-1"), slim.getMetadata().getLabels());
    }
}
