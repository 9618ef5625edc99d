package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-made objects for the sandbox tests: nodes, pods pinned the way the operator pins them, claims, CRDs. */
final class TestObjects {

    /** The generated CRDs users apply, as committed in {@code crds/}. */
    static final Path CRDS = Path.of("crds");

    private TestObjects() {}

    static Node node(String name, boolean ready) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .endMetadata()
                .withNewStatus()
                .addToCapacity("cpu", new Quantity("8"))
                .addToCapacity("memory", new Quantity("32Gi"))
                .addToAllocatable("cpu", new Quantity("8"))
                .addToAllocatable("memory", new Quantity("32Gi"))
                .addNewAddress("10.0.0.7", "InternalIP")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withReason("KubeletReady")
                .endCondition()
                .endStatus()
                .build();
    }

    /** A pod pinned to the node by {@code matchFields metadata.name In [node]}, optionally using a claim. */
    static Pod pinnedPod(String namespace, String name, String node, String claim) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels("datacenter.dev/app", "web")
                .endMetadata()
                .withNewSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchField()
                .withKey("metadata.name")
                .withOperator("In")
                .withValues(node)
                .endMatchField()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .endAffinity()
                .addNewContainer()
                .withName("app")
                .withImage("nginx:1.27")
                .withNewResources()
                .addToRequests("cpu", new Quantity("1"))
                .addToLimits("cpu", new Quantity("1"))
                .addToRequests("memory", new Quantity("1Gi"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .endContainer()
                // what the API server's DefaultTolerationSeconds admission adds to every pod
                .addNewToleration()
                .withKey("node.kubernetes.io/not-ready")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .endToleration()
                .addNewToleration()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .endToleration()
                .endSpec();
        if (claim != null) {
            pod.editSpec()
                    .addNewVolume()
                    .withName("data")
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claim)
                    .endPersistentVolumeClaim()
                    .endVolume()
                    .endSpec();
        }
        return pod.build();
    }

    static PersistentVolumeClaim claim(String namespace, String name, String size) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName("local-path")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .build();
    }

    static List<CustomResourceDefinition> crds() {
        return CrdFiles.fromDirectory(CRDS);
    }

    static Path write(Path dir, String file, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
