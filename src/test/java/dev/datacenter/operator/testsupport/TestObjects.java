package dev.datacenter.operator.testsupport;

import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetSpec;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolSpec;
import dev.datacenter.operator.api.VolumeSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Valid custom resources as a user would write them, to be varied by each test. */
public final class TestObjects {
    private TestObjects() {}

    public static DataCenterApp app(String namespace, String name, Consumer<DataCenterAppSpec> customize) {
        DataCenterApp app = new DataCenterApp();
        app.setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        DataCenterAppSpec spec = new DataCenterAppSpec();
        ContainerSpec container = new ContainerSpec();
        container.setImage("example/" + name + ":1.0");
        spec.setContainer(container);
        AppResources resources = new AppResources();
        resources.setCpus(new Quantity("500m"));
        resources.setMem(new Quantity("256Mi"));
        spec.setResources(resources);
        spec.setInstances(2);
        customize.accept(spec);
        app.setSpec(spec);
        return app;
    }

    public static ResourcePool pool(String name, LabelSelector nodeSelector) {
        ResourcePool pool = new ResourcePool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        ResourcePoolSpec spec = new ResourcePoolSpec();
        spec.setNodeSelector(nodeSelector);
        spec.setWeight(1.0);
        pool.setSpec(spec);
        return pool;
    }

    public static PersistentVolumeClaimSet claimSet(String namespace, String name) {
        PersistentVolumeClaimSet set = new PersistentVolumeClaimSet();
        set.setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        PersistentVolumeClaimSetSpec spec = new PersistentVolumeClaimSetSpec();
        PersistentVolumeClaimSpec template = new PersistentVolumeClaimSpec();
        template.setAccessModes(List.of("ReadWriteOnce"));
        // a claim without a storage request is refused by the API server (the set would be InvalidSpec)
        template.setResources(new io.fabric8.kubernetes.api.model.VolumeResourceRequirementsBuilder()
                .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .build());
        spec.setTemplate(template);
        set.setSpec(spec);
        return set;
    }

    public static VolumeSpec volume(String name, String claimSet) {
        VolumeSpec volume = new VolumeSpec();
        volume.setName(name);
        volume.setMountPath("/var/lib/" + name);
        volume.setClaimSet(claimSet);
        return volume;
    }

    /** A Ready node with 4 CPUs and 8Gi: pools count it among their schedulable nodes. */
    public static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("8Gi"))
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }
}
