package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRoomTest {

    static Pod pod(String name, String cpu, String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("any")
                .endMetadata()
                .withNewSpec()
                .withNodeName("n")
                .addNewContainer()
                .withName("c")
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity("1Gi"))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    @Test
    void foreignAndOwnPodsOnTheNodeCountAgainstItsAllocatableButFinishedOnesDoNot() {
        Node node = TestObjects.node("n", true); // 8 cpus, 32Gi
        Pod incoming = pod("new", "2", "Pending");

        assertThat(NodeRoom.insufficient(node, incoming, List.of(pod("foreign", "6", "Running"))))
                .isEmpty();
        assertThat(NodeRoom.insufficient(node, incoming, List.of(pod("foreign", "6500m", "Running"))))
                .containsExactly("cpu");
        assertThat(NodeRoom.insufficient(node, incoming, List.of(pod("done", "7", "Succeeded"))))
                .isEmpty();
        assertThat(NodeRoom.schedulerMessage(List.of("cpu", "memory")))
                .isEqualTo("Insufficient cpu, Insufficient memory");
        assertThat(NodeRoom.kubeletReason(List.of("cpu"))).isEqualTo("OutOfcpu");
    }

    @Test
    void aPodAlreadyOnTheNodeIsNotCountedTwice() {
        Node node = TestObjects.node("n", true);
        Pod self = pod("self", "8", "Pending");
        assertThat(NodeRoom.insufficient(node, self, List.of(self))).isEmpty();
    }
}
