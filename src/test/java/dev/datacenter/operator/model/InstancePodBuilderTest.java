package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datacenter.operator.api.Artifact;
import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InstancePodBuilderTest {
    private final InstancePodBuilder builder = new InstancePodBuilder();

    private static DataCenterApp jokes() {
        DataCenterApp app = Apps.app("jokes");
        app.getSpec()
                .setPorts(List.of(
                        Apps.port("http", 8080, 0),
                        Apps.port("admin-api", 9090, null),
                        Apps.port("metrics", 9100, 31000)));
        return app;
    }

    private Pod build(DataCenterApp app) {
        return builder.build(app, InstanceIdentity.of("jokes", 2, 3, "web"), "n7", List.of(31555, 31000));
    }

    private static Container app(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Pod pod) {
        return app(pod).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
    }

    @Test
    void metadataFollowsThePodContract() {
        Pod pod = build(jokes());
        assertThat(pod.getMetadata().getName()).matches("jokes-2-3-[a-z0-9]{5}");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("datacenter.dev/app", "jokes")
                .containsEntry("datacenter.dev/pool", "web")
                .containsEntry("datacenter.dev/revision", "3")
                .containsEntry("datacenter.dev/instance", "jokes-2")
                .containsEntry("datacenter.dev/ordinal", "2")
                .containsEntry("app.kubernetes.io/managed-by", "datacenter-operator")
                .doesNotContainKey("datacenter.dev/group");
        assertThat(pod.getMetadata().getAnnotations())
                .containsEntry("datacenter.dev/node", "n7")
                .containsEntry(PodTemplateHash.ANNOTATION, PodTemplateHash.of(jokes().getSpec()));
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("DataCenterApp");
            assertThat(o.getApiVersion()).isEqualTo("datacenter.dev/v1alpha1");
            assertThat(o.getName()).isEqualTo("jokes");
            assertThat(o.getUid()).isEqualTo("uid-jokes");
            assertThat(o.getController()).isTrue();
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    void groupPathIsALabelWithDotsAndTheExactPathAnAnnotation() {
        DataCenterApp app = jokes();
        app.getSpec().setGroup("/demo/frontend");
        Pod pod = build(app);
        assertThat(pod.getMetadata().getLabels()).containsEntry("datacenter.dev/group", "demo.frontend");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("datacenter.dev/group", "/demo/frontend");
        assertThat(env(pod)).containsEntry("DATACENTER_APP_ID", "/demo/frontend/jokes");
    }

    @Test
    void pinnedByRequiredNodeAffinityNeverByNodeName() {
        Pod pod = build(jokes());
        assertThat(pod.getSpec().getNodeName()).isNull();
        List<NodeSelectorRequirement> fields = pod.getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchFields();
        assertThat(fields).singleElement().satisfies(f -> {
            assertThat(f.getKey()).isEqualTo("metadata.name");
            assertThat(f.getOperator()).isEqualTo("In");
            assertThat(f.getValues()).containsExactly("n7");
        });
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
    }

    @Test
    void requestsEqualLimitsWithGpusAndDisk() {
        DataCenterApp app = jokes();
        app.getSpec().getResources().setGpus(2);
        app.getSpec().getResources().setDisk(new Quantity("10Gi"));
        app.getSpec().getResources().setCpus(new Quantity("500m"));
        Pod pod = build(app);
        Map<String, Quantity> requests = app(pod).getResources().getRequests();
        assertThat(requests).containsOnlyKeys("cpu", "memory", "nvidia.com/gpu", "ephemeral-storage");
        assertThat(requests.get("cpu").getNumericalAmount()).isEqualByComparingTo("0.5");
        assertThat(requests.get("memory")).isEqualTo(new Quantity("256Mi"));
        assertThat(requests.get("nvidia.com/gpu")).isEqualTo(new Quantity("2"));
        assertThat(app(pod).getResources().getLimits()).isEqualTo(requests);
        assertThat(pod.getSpec().getTolerations())
                .filteredOn(t -> "nvidia.com/gpu".equals(t.getKey()))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.getOperator()).isEqualTo("Exists");
                    assertThat(t.getEffect()).as("every effect").isNull();
                });
    }

    @Test
    void noGpuNoDiskMeansOnlyCpuAndMemory() {
        Pod pod = build(jokes());
        assertThat(app(pod).getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(app(pod).getResources().getLimits()).containsOnlyKeys("cpu", "memory");
        assertThat(pod.getSpec().getTolerations()).noneMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
    }

    @Test
    void everyPodToleratesNodeLossForTheAppsInactiveAfterSecondsSoTheClusterDoesNotEvictFirst() {
        Pod defaults = build(jokes());
        assertThat(defaults.getSpec().getTolerations())
                .extracting(
                        io.fabric8.kubernetes.api.model.Toleration::getKey,
                        io.fabric8.kubernetes.api.model.Toleration::getOperator,
                        io.fabric8.kubernetes.api.model.Toleration::getEffect,
                        io.fabric8.kubernetes.api.model.Toleration::getTolerationSeconds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "node.kubernetes.io/unreachable", "Exists", "NoExecute", 300L),
                        org.assertj.core.groups.Tuple.tuple(
                                "node.kubernetes.io/not-ready", "Exists", "NoExecute", 300L));

        DataCenterApp app = jokes();
        dev.datacenter.operator.api.UnreachableStrategy u = new dev.datacenter.operator.api.UnreachableStrategy();
        u.setInactiveAfterSeconds(45);
        app.getSpec().setUnreachableStrategy(u);
        assertThat(build(app).getSpec().getTolerations())
                .extracting(io.fabric8.kubernetes.api.model.Toleration::getTolerationSeconds)
                .containsExactly(45L, 45L);
    }

    @Test
    void theAppsTolerationsAreCopiedOntoThePodFirst() {
        DataCenterApp app = jokes();
        app.getSpec()
                .setTolerations(List.of(new io.fabric8.kubernetes.api.model.Toleration(
                        "NoSchedule", "dedicated", "Equal", null, "db")));
        assertThat(build(app).getSpec().getTolerations())
                .extracting(io.fabric8.kubernetes.api.model.Toleration::getKey)
                .containsExactly("dedicated", "node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready");
    }

    @Test
    void assignedHostPortsGoToContainerPortsAndEnv() {
        Pod pod = build(jokes());
        assertThat(app(pod).getPorts())
                .extracting(p -> p.getName(), p -> p.getContainerPort(), p -> p.getHostPort(), p -> p.getProtocol())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http", 8080, 31555, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("admin-api", 9090, null, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("metrics", 9100, 31000, "TCP"));
        assertThat(env(pod))
                .containsEntry("PORT0", "31555")
                .containsEntry("PORT1", "9090")
                .containsEntry("PORT2", "31000")
                .containsEntry("PORT_HTTP", "31555")
                .containsEntry("PORT_ADMIN_API", "9090")
                .containsEntry("PORT_METRICS", "31000")
                .containsEntry("PORT", "31555")
                .containsEntry("PORTS", "31555,9090,31000")
                .containsEntry("HOST", "n7")
                .containsEntry("DATACENTER_INSTANCE_ID", "jokes-2")
                .containsEntry("DATACENTER_APP_ID", "/jokes");
    }

    @Test
    void wrongNumberOfHostPortsIsRejected() {
        assertThatThrownBy(() -> builder.build(jokes(), InstanceIdentity.of("jokes", 0, 1, "web"), "n1", List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 host port(s)");
    }

    @Test
    void userEnvComesAfterOursAndWinsOnTheSameName() {
        DataCenterApp app = jokes();
        app.getSpec()
                .getContainer()
                .setEnv(List.of(
                        new EnvVar("URL", "http://$(HOST):$(PORT0)", null), new EnvVar("HOST", "custom", null)));
        List<EnvVar> env = app(build(app)).getEnv();
        assertThat(env)
                .filteredOn(e -> e.getName().equals("HOST"))
                .extracting(EnvVar::getValue)
                .containsExactly("custom");
        assertThat(env.get(env.size() - 2).getName()).isEqualTo("URL");
        assertThat(env.stream().map(EnvVar::getName).toList()).startsWith("PORT0");
    }

    @Test
    void healthChecksBecomeLivenessAndStartupProbes() {
        DataCenterApp app = jokes();
        HealthCheck hc = new HealthCheck();
        hc.setProtocol(CheckProtocol.HTTPS);
        hc.setPortName("http");
        hc.setPath("/health");
        hc.setGracePeriodSeconds(300);
        hc.setIntervalSeconds(60);
        hc.setTimeoutSeconds(20);
        hc.setMaxConsecutiveFailures(3);
        app.getSpec().setHealthChecks(List.of(hc));
        Container c = app(build(app));
        Probe live = c.getLivenessProbe();
        assertThat(live.getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(live.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(live.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(live.getPeriodSeconds()).isEqualTo(60);
        assertThat(live.getTimeoutSeconds()).isEqualTo(20);
        assertThat(live.getFailureThreshold()).isEqualTo(3);
        Probe startup = c.getStartupProbe();
        assertThat(startup.getHttpGet()).isEqualTo(live.getHttpGet());
        assertThat(startup.getPeriodSeconds()).isEqualTo(10);
        // Marathon: failures ignored for 300 s, then killed after 3 more at 60 s: 480 s in all.
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isEqualTo(480);
        assertThat(c.getReadinessProbe()).isNull();
    }

    @Test
    void tcpAndCommandChecksAndNoGracePeriod() {
        DataCenterApp app = jokes();
        HealthCheck tcp = new HealthCheck();
        tcp.setProtocol(CheckProtocol.TCP);
        tcp.setPortName("metrics");
        tcp.setGracePeriodSeconds(0);
        tcp.setIntervalSeconds(7);
        app.getSpec().setHealthChecks(List.of(tcp));
        ReadinessCheck cmd = new ReadinessCheck();
        cmd.setProtocol(CheckProtocol.COMMAND);
        cmd.setCommand(List.of("sh", "-c", "test -f /tmp/ready"));
        cmd.setIntervalSeconds(5);
        cmd.setTimeoutSeconds(2);
        app.getSpec().setReadinessChecks(List.of(cmd));
        Container c = app(build(app));
        assertThat(c.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(7);
        assertThat(c.getLivenessProbe().getFailureThreshold()).isEqualTo(3);
        assertThat(c.getStartupProbe()).isNull();
        assertThat(c.getReadinessProbe().getExec().getCommand()).containsExactly("sh", "-c", "test -f /tmp/ready");
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(c.getReadinessProbe().getTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void startupFailureThresholdRoundsUp() {
        HealthCheck hc = new HealthCheck();
        hc.setPortName("http");
        hc.setGracePeriodSeconds(25);
        hc.setIntervalSeconds(4);
        hc.setMaxConsecutiveFailures(1);
        Probe p = HealthProbes.startup(hc);
        assertThat(p.getPeriodSeconds()).isEqualTo(4);
        assertThat(p.getFailureThreshold()).isEqualTo(8); // ceil((25 + 4) / 4)
        assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(p.getHttpGet().getPath()).isEqualTo("/");
    }

    @Test
    void taskKillGracePeriodAndClaimVolumes() {
        DataCenterApp app = jokes();
        app.getSpec().setTaskKillGracePeriodSeconds(90);
        VolumeSpec v = new VolumeSpec();
        v.setName("data");
        v.setMountPath("/var/lib/data");
        v.setClaimSet("pgdata");
        app.getSpec().setVolumes(List.of(v));
        Pod pod = build(app);
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(90L);
        assertThat(pod.getSpec().getVolumes()).singleElement().satisfies(vol -> {
            assertThat(vol.getName()).isEqualTo("data");
            assertThat(vol.getPersistentVolumeClaim().getClaimName()).isEqualTo(Names.claimName("pgdata", "jokes", 2));
        });
        // a claim found by its labels (an earlier version's name) is mounted under its own name
        Pod legacy = builder.build(
                app,
                InstanceIdentity.of("jokes", 2, 3, "web"),
                "n7",
                List.of(31555, 31000),
                PodTemplateHash.of(app.getSpec()),
                java.util.Map.of(ClaimBuilder.key("pgdata", 2), "pgdata-jokes-2"));
        assertThat(legacy.getSpec().getVolumes())
                .singleElement()
                .satisfies(vol -> assertThat(vol.getPersistentVolumeClaim().getClaimName())
                        .isEqualTo("pgdata-jokes-2"));
        assertThat(app(pod).getVolumeMounts())
                .singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/data"));
        assertThat(pod.getSpec().getInitContainers()).isEmpty();
    }

    @Test
    void artifactsAreFetchedByAnInitContainerIntoASharedEmptyDir() {
        DataCenterApp app = jokes();
        Artifact a = new Artifact();
        a.setUri("https://example.org/dist/app.tgz?token=a;b'c");
        app.getSpec().setArtifacts(List.of(a));
        Pod pod = new InstancePodBuilder("busybox:1.36")
                .build(app, InstanceIdentity.of("jokes", 2, 3, "web"), "n7", List.of(1, 2));
        Container init = pod.getSpec().getInitContainers().get(0);
        assertThat(init.getImage()).isEqualTo("busybox:1.36");
        assertThat(init.getCommand())
                .startsWith("sh", "-c", ArtifactFetcher.SCRIPT, "fetch-artifacts")
                .endsWith("https://example.org/dist/app.tgz?token=a;b'c", "app.tgz", "tgz");
        assertThat(init.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(init.getVolumeMounts())
                .singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/mnt/artifacts"));
        assertThat(app(pod).getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/mnt/artifacts");
        assertThat(pod.getSpec().getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void explicitTemplateHashIsRecorded() {
        Pod pod = builder.build(jokes(), InstanceIdentity.of("jokes", 0, 4, "web"), "n1", List.of(1, 2), "abcdefghij");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(PodTemplateHash.ANNOTATION, "abcdefghij");
    }

    @Test
    void identityAndTemplateHashCanBeReadBackFromThePod() {
        Pod pod = build(jokes());
        assertThat(InstanceIdentity.of(pod)).contains(new InstanceIdentity("jokes-2", 2, 3, "web"));
        assertThat(PodTemplateHash.matches(pod, PodTemplateHash.of(jokes().getSpec())))
                .isTrue();
        DataCenterApp changed = jokes();
        changed.getSpec().getContainer().setImage("example/jokes:2.0");
        assertThat(PodTemplateHash.matches(pod, PodTemplateHash.of(changed.getSpec())))
                .isFalse();
        Pod foreign = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata()
                .withName("x")
                .addToLabels("datacenter.dev/instance", "x")
                .endMetadata()
                .build();
        assertThat(InstanceIdentity.of(foreign)).isEmpty();
        assertThat(PodTemplateHash.of(foreign)).isNull();
    }

    @Test
    void cpusWrittenAsAYamlNumberOrAMilliQuantityGiveTheSameRequest() {
        for (String cpus : List.of("0.5", "\"500m\"")) {
            String json = "{\"apiVersion\": \"datacenter.dev/v1alpha1\", \"kind\": \"DataCenterApp\","
                    + " \"metadata\": {\"name\": \"jokes\", \"namespace\": \"demo\"},"
                    + " \"spec\": {\"container\": {\"image\": \"i\"}, \"resources\": {\"cpus\": " + cpus
                    + ", \"mem\": \"1Gi\"}}}";
            DataCenterApp app = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(json, DataCenterApp.class);
            Pod pod = builder.build(app, InstanceIdentity.of("jokes", 0, 1, "default"), "n1", List.of());
            assertThat(app(pod).getResources().getLimits().get("cpu").getNumericalAmount())
                    .isEqualByComparingTo("0.5");
            assertThat(app(pod).getResources().getRequests().get("memory").getNumericalAmount())
                    .isEqualByComparingTo(String.valueOf(1024L * 1024 * 1024));
        }
    }
}
