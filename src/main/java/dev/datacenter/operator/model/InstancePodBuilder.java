package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired Pod of one instance, per the pod contract of docs/api.md.
 *
 * <ul>
 * <li>Name {@link Names#podName}: {@code <app>-<ordinal>-<revision>-<hash of app, ordinal, revision,
 * node>}, at most 63 characters.</li>
 * <li>Labels {@code datacenter.dev/app, pool, revision, instance, ordinal}, managed-by, and
 * {@code datacenter.dev/group} (the path with '/' as '.') when the app has a group; annotations
 * {@code datacenter.dev/node}, {@code datacenter.dev/template-hash} ({@link PodTemplateHash}) and
 * {@code datacenter.dev/group} (the exact path).</li>
 * <li>A controller owner reference to the app; a required node affinity
 * {@code matchFields metadata.name In [node]} (never {@code spec.nodeName}); restartPolicy Always;
 * terminationGracePeriodSeconds = taskKillGracePeriodSeconds.</li>
 * <li>One container {@code app}: requests = limits ({@link PodResources}); ports with the assigned
 * host ports; env {@code HOST}, {@code PORT0..n}, {@code PORT_<NAME>}, {@code PORT}, {@code PORTS},
 * {@code DATACENTER_APP_ID} (group path + name), {@code DATACENTER_INSTANCE_ID}, then the user's env
 * (a user variable of the same name replaces the operator's); the first health check as liveness and
 * startup probes, the first readiness check as readiness probe ({@link HealthProbes}; a container has
 * one probe of each kind, further checks are not expressible and are ignored).</li>
 * <li>Artifacts: the {@link ArtifactFetcher} init container and an emptyDir at
 * {@code /mnt/artifacts} in both containers. Volumes: claim {@code <set>-<app>-<ordinal>}.</li>
 * <li>Tolerations ({@link #tolerations}): the app's, {@code nvidia.com/gpu} for GPU instances (GPU nodes
 * commonly carry that taint), and the node-loss taints for {@code inactiveAfterSeconds}.</li>
 * </ul>
 */
public final class InstancePodBuilder {
    public static final String APP_CONTAINER = "app";

    private final String fetcherImage;

    /** A builder that fetches artifacts with {@link ArtifactFetcher#DEFAULT_IMAGE}. */
    public InstancePodBuilder() {
        this(ArtifactFetcher.DEFAULT_IMAGE);
    }

    /** A builder that fetches artifacts with {@code fetcherImage} (needs sh, curl or wget, tar, unzip). */
    public InstancePodBuilder(String fetcherImage) {
        this.fetcherImage = fetcherImage;
    }

    /**
     * The desired pod of an instance of {@code app} placed on {@code node}.
     *
     * @param hostPorts the host ports the placement engine assigned: one per port spec with a
     *        {@code hostPort} (0 or fixed), in spec order; empty when none asks for one
     * @throws IllegalArgumentException when {@code hostPorts} does not match the port specs
     */
    public Pod build(DataCenterApp app, InstanceIdentity id, String node, List<Integer> hostPorts) {
        return build(app, id, node, hostPorts, PodTemplateHash.of(app.getSpec()));
    }

    /**
     * As {@link #build(DataCenterApp, InstanceIdentity, String, List)}, with the template hash of the
     * revision the instance runs (the ControllerRevision's {@link PodTemplateHash#LABEL}): use this
     * one when the revision has a restart nonce, or the pod would not match its revision.
     */
    public Pod build(
            DataCenterApp app, InstanceIdentity id, String node, List<Integer> hostPorts, String templateHash) {
        return build(app, id, node, hostPorts, templateHash, java.util.Map.of());
    }

    /**
     * As above, mounting the claims named in {@code claimNames} (by {@link ClaimBuilder#key}: the claims
     * found by their labels, whatever their name); a claim not in it is mounted by the name a new claim
     * gets ({@link Names#claimName}).
     */
    public Pod build(
            DataCenterApp app,
            InstanceIdentity id,
            String node,
            List<Integer> hostPorts,
            String templateHash,
            java.util.Map<String, String> claimNames) {
        DataCenterAppSpec spec = app.getSpec();
        String name = app.getMetadata().getName();
        InstancePorts ports = new InstancePorts(spec.getPorts(), hostPorts);
        ResourceRequirements resources = PodResources.of(spec.getResources());
        Container fetcher = ArtifactFetcher.initContainer(
                spec.getArtifacts(), fetcherImage, PodResources.withoutGpus(spec.getResources()));
        return new PodBuilder()
                .withNewMetadata()
                .withName(Names.podName(name, id.ordinal(), id.revision(), node))
                .withNamespace(app.getMetadata().getNamespace())
                .withLabels(labels(app, id))
                .withAnnotations(annotations(app, node, templateHash))
                .withOwnerReferences(Labels.controllerReference(app))
                .endMetadata()
                .withNewSpec()
                .withAffinity(pinnedTo(node))
                .withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds((long) SpecDefaults.taskKillGracePeriodSeconds(spec))
                .withInitContainers(fetcher == null ? List.of() : List.of(fetcher))
                .withContainers(appContainer(app, id, node, ports, resources, fetcher != null))
                .withVolumes(volumes(spec, name, id.ordinal(), fetcher != null, claimNames))
                .withTolerations(tolerations(spec))
                .endSpec()
                .build();
    }

    /** The pod labels: the app's own (see {@link Labels#propagated}), then app, pool, revision, instance, ordinal, managed-by, group (when set). */
    static Map<String, String> labels(DataCenterApp app, InstanceIdentity id) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.withAppLabels(app));
        labels.put(ApiGroup.LABEL_POOL, id.pool());
        labels.put(ApiGroup.LABEL_REVISION, String.valueOf(id.revision()));
        labels.put(ApiGroup.LABEL_INSTANCE, id.instanceId());
        labels.put(ApiGroup.LABEL_ORDINAL, String.valueOf(id.ordinal()));
        return labels;
    }

    private static Map<String, String> annotations(DataCenterApp app, String node, String templateHash) {
        Map<String, String> annotations = new LinkedHashMap<>(Labels.annotationsForApp(app));
        annotations.put(ApiGroup.ANNOTATION_NODE, node);
        annotations.put(PodTemplateHash.ANNOTATION, templateHash);
        String appLabels = String.join(",", Labels.propagated(app).keySet());
        if (!appLabels.isEmpty()) {
            annotations.put(Labels.ANNOTATION_APP_LABELS, appLabels);
        }
        return annotations;
    }

    /** A required node affinity on the node's name: the cluster's scheduler binds, we never set nodeName. */
    static Affinity pinnedTo(String node) {
        return new AffinityBuilder()
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
                .build();
    }

    private static Container appContainer(
            DataCenterApp app,
            InstanceIdentity id,
            String node,
            InstancePorts ports,
            ResourceRequirements resources,
            boolean artifacts) {
        DataCenterAppSpec spec = app.getSpec();
        ContainerSpec c = spec.getContainer();
        HealthCheck health = first(spec.getHealthChecks());
        ReadinessCheck readiness = first(spec.getReadinessChecks());
        return new ContainerBuilder()
                .withName(APP_CONTAINER)
                .withImage(c.getImage())
                .withCommand(SpecDefaults.list(c.getCommand()))
                .withArgs(SpecDefaults.list(c.getArgs()))
                .withEnv(env(app, id, node, ports))
                .withPorts(ports.containerPorts())
                .withResources(resources)
                .withLivenessProbe(health == null ? null : HealthProbes.liveness(health))
                .withStartupProbe(health == null ? null : HealthProbes.startup(health))
                .withReadinessProbe(readiness == null ? null : HealthProbes.readiness(readiness))
                .withVolumeMounts(mounts(spec, artifacts))
                .build();
    }

    /** The operator's variables first (so user values may refer to them as $(PORT0)), then the user's. */
    static List<EnvVar> env(DataCenterApp app, InstanceIdentity id, String node, InstancePorts ports) {
        List<EnvVar> ours = new ArrayList<>();
        ours.add(new EnvVar("HOST", node, null));
        ours.addAll(ports.env());
        ours.add(new EnvVar("DATACENTER_APP_ID", appId(app), null));
        ours.add(new EnvVar("DATACENTER_INSTANCE_ID", id.instanceId(), null));
        List<EnvVar> user = SpecDefaults.list(app.getSpec().getContainer().getEnv());
        Set<String> userNames = new HashSet<>();
        user.forEach(e -> userNames.add(e.getName()));
        List<EnvVar> env = new ArrayList<>();
        ours.stream().filter(e -> !userNames.contains(e.getName())).forEach(env::add);
        env.addAll(user);
        return env;
    }

    /** Marathon's app id: {@code <group path>/<name>}, or {@code /<name>} without a group. */
    static String appId(DataCenterApp app) {
        String group = app.getSpec().getGroup();
        return (group == null || group.isEmpty() ? "" : group) + "/"
                + app.getMetadata().getName();
    }

    private static List<VolumeMount> mounts(DataCenterAppSpec spec, boolean artifacts) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (VolumeSpec v : SpecDefaults.list(spec.getVolumes())) {
            mounts.add(new VolumeMountBuilder()
                    .withName(v.getName())
                    .withMountPath(v.getMountPath())
                    .build());
        }
        if (artifacts) {
            mounts.add(ArtifactFetcher.mount());
        }
        return mounts;
    }

    private static List<Volume> volumes(
            DataCenterAppSpec spec,
            String app,
            int ordinal,
            boolean artifacts,
            java.util.Map<String, String> claimNames) {
        List<Volume> volumes = new ArrayList<>();
        for (VolumeSpec v : SpecDefaults.list(spec.getVolumes())) {
            volumes.add(new VolumeBuilder()
                    .withName(v.getName())
                    .withNewPersistentVolumeClaim()
                    .withClaimName(claimNames.getOrDefault(
                            ClaimBuilder.key(v.getClaimSet(), ordinal), Names.claimName(v.getClaimSet(), app, ordinal)))
                    .endPersistentVolumeClaim()
                    .build());
        }
        if (artifacts) {
            volumes.add(new VolumeBuilder()
                    .withName(ArtifactFetcher.VOLUME_NAME)
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .build());
        }
        return volumes;
    }

    /** The taint a node gets when its kubelet stops reporting, and when it reports NotReady. */
    public static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";

    public static final String TAINT_NOT_READY = "node.kubernetes.io/not-ready";

    /**
     * The pod's tolerations: the app's {@code spec.tolerations}; {@code nvidia.com/gpu} (Exists, any effect)
     * for a GPU app that does not list it; and {@code node.kubernetes.io/unreachable} and
     * {@code node.kubernetes.io/not-ready} (Exists, NoExecute) for {@code unreachableStrategy.inactiveAfterSeconds},
     * so that the cluster evicts the pod of a lost node no sooner than the app's own node-loss policy replaces it.
     */
    static List<Toleration> tolerations(DataCenterAppSpec spec) {
        List<Toleration> tolerations = new ArrayList<>();
        for (Toleration t : SpecDefaults.list(spec.getTolerations())) {
            if (t != null) {
                tolerations.add(t);
            }
        }
        boolean gpu = spec.getResources() != null
                && SpecDefaults.or(spec.getResources().getGpus(), 0) > 0;
        if (gpu && tolerations.stream().noneMatch(t -> PodResources.GPU.equals(t.getKey()))) {
            tolerations.add(new Toleration(null, PodResources.GPU, "Exists", null, null));
        }
        long seconds = SpecDefaults.inactiveAfterSeconds(spec);
        for (String key : List.of(TAINT_UNREACHABLE, TAINT_NOT_READY)) {
            if (tolerations.stream().noneMatch(t -> key.equals(t.getKey()) && "NoExecute".equals(t.getEffect()))) {
                tolerations.add(new Toleration("NoExecute", key, "Exists", seconds, null));
            }
        }
        return tolerations;
    }

    private static <T> T first(List<T> list) {
        return list == null || list.isEmpty() ? null : list.get(0);
    }
}
