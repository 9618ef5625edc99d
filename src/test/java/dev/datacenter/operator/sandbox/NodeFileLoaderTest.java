package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFileLoaderTest {

    private static final String NODE_A = """
      apiVersion: v1
      kind: Node
      metadata:
        name: a
        uid: 6a1b0c2e-0000-0000-0000-000000000000
        resourceVersion: "4711"
        creationTimestamp: "2025-01-01T00:00:00Z"
        labels: {topology.kubernetes.io/zone: z1}
      status:
        capacity: {cpu: "4", memory: 16Gi, nvidia.com/gpu: "1"}
      """;
    private static final String NODE_B = """
      apiVersion: v1
      kind: Node
      metadata: {name: b}
      status:
        capacity: {cpu: "8", memory: 32Gi}
        allocatable: {cpu: 7500m, memory: 30Gi}
        conditions: [{type: Ready, status: "False", reason: KubeletNotReady}]
      """;

    @TempDir
    Path dir;

    @Test
    void readsAMultiDocumentFile() {
        List<Node> nodes = NodeFileLoader.load(TestObjects.write(dir, "nodes.yaml", NODE_A + "---\n" + NODE_B));

        assertThat(nodes).extracting(n -> n.getMetadata().getName()).containsExactly("a", "b");
        Node a = nodes.get(0);
        assertThat(a.getMetadata().getUid()).isNull();
        assertThat(a.getMetadata().getResourceVersion()).isNull();
        assertThat(a.getMetadata().getLabels())
                .containsEntry("topology.kubernetes.io/zone", "z1")
                .containsEntry("kubernetes.io/hostname", "a");
        assertThat(a.getStatus().getAllocatable())
                .as("allocatable defaults to capacity")
                .containsEntry("nvidia.com/gpu", a.getStatus().getCapacity().get("nvidia.com/gpu"));
        assertThat(a.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(nodes.get(1).getStatus().getAllocatable().get("cpu").toString())
                .isEqualTo("7500m");
        assertThat(nodes.get(1).getStatus().getConditions())
                .as("a file's own Ready condition is kept")
                .singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    @Test
    void readsAListAsKubectlGetNodesWritesIt() {
        String list = "apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n" + indentAsItem(NODE_A)
                + indentAsItem(NODE_B);

        assertThat(NodeFileLoader.load(TestObjects.write(dir, "nodes.yaml", list)))
                .extracting(n -> n.getMetadata().getName())
                .containsExactly("a", "b");
    }

    @Test
    void theSampleFileHasTwelveNodesInThreeZonesAndFourRacksTwoWithGpus() {
        List<Node> nodes = NodeFileLoader.load(Path.of("samples/sandbox/nodes.yaml"));

        assertThat(nodes).hasSizeGreaterThanOrEqualTo(12);
        assertThat(values(nodes, "topology.kubernetes.io/zone")).hasSize(3);
        assertThat(values(nodes, "topology.kubernetes.io/region")).hasSize(1);
        assertThat(values(nodes, "rack")).hasSize(4);
        assertThat(nodes)
                .filteredOn(n -> n.getStatus().getAllocatable().containsKey("nvidia.com/gpu"))
                .hasSize(2)
                .allSatisfy(n -> assertThat(n.getMetadata().getLabels()).containsEntry("gpu", "true"));
        assertThat(nodes).allSatisfy(n -> assertThat(NodePin.isReady(n)).isTrue());
        assertThat(nodes.stream()
                        .map(n -> n.getStatus().getCapacity().get("cpu").toString())
                        .distinct()
                        .count())
                .as("a mix of sizes")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void readsTheBoundPodsOfAClusterExportAndLeavesOutWhatHoldsNoRoom() {
        NodeFileLoader.ClusterFile file = NodeFileLoader.loadCluster(Path.of("src/test/resources/whatif/cluster.yaml"));
        assertThat(file.nodes()).extracting(n -> n.getMetadata().getName()).containsExactly("n1", "n2", "n3");
        assertThat(file.pods())
                .extracting(p ->
                        p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .containsExactly("kube-system/ingress-7d9f", "legacy/db-0");
        Pod ingress = file.pods().get(0);
        assertThat(ingress.getSpec().getNodeName()).isEqualTo("n1");
        assertThat(ingress.getMetadata().getLabels()).containsEntry("app", "ingress");
        assertThat(ingress.getMetadata().getUid()).isNull();
        assertThat(ingress.getMetadata().getResourceVersion()).isNull();
        assertThat(ingress.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(ingress.getStatus()).isNull();
    }

    @Test
    void rejectsABadFileWithAMessageNamingTheProblem() {
        Path withConfigMap = TestObjects.write(
                dir, "cm.yaml", NODE_A + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\n");
        assertThatThrownBy(() -> NodeFileLoader.load(withConfigMap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConfigMap p is neither a Node nor a Pod");

        Path podElsewhere = TestObjects.write(
                dir,
                "elsewhere.yaml",
                NODE_A + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\n"
                        + "spec: {nodeName: gone, containers: [{name: c, image: i}]}\n");
        assertThatThrownBy(() -> NodeFileLoader.load(podElsewhere))
                .hasMessageContaining("Pod x/p is bound to node gone, which the file does not have");

        Path broken = TestObjects.write(dir, "broken.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: [x\n");
        assertThatThrownBy(() -> NodeFileLoader.load(broken)).hasMessageContaining("not valid YAML");

        Path noCapacity = TestObjects.write(dir, "nocap.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: c}\n");
        assertThatThrownBy(() -> NodeFileLoader.load(noCapacity))
                .hasMessageContaining("Node c has neither status.capacity nor status.allocatable");

        Path empty = TestObjects.write(dir, "empty.yaml", "# nothing\n");
        assertThatThrownBy(() -> NodeFileLoader.load(empty)).hasMessageContaining("no Node");

        assertThatThrownBy(() -> NodeFileLoader.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("does not exist");
    }

    private static Map<String, Long> values(List<Node> nodes, String label) {
        return nodes.stream()
                .collect(Collectors.groupingBy(n -> n.getMetadata().getLabels().get(label), Collectors.counting()));
    }

    private static String indentAsItem(String document) {
        String indented = document.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
        return "-" + indented.substring(1) + "\n";
    }
}
