package dev.datacenter.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The install manifests in deploy/: least-privilege RBAC, a hardened Deployment, a kustomization that renders. */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");

    @Test
    void clusterRoleNamesEveryVerbAndResourceWithoutWildcards() throws IOException {
        ClusterRole role = load("cluster-role.yaml", ClusterRole.class);
        assertThat(role.getRules()).isNotEmpty();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getVerbs()).doesNotContain("*").isNotEmpty();
            assertThat(rule.getResources()).doesNotContain("*").isNotEmpty();
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        }
        assertThat(verbsFor(role.getRules(), "", "pods"))
                .containsExactlyInAnyOrder("get", "list", "watch", "create", "delete", "patch");
        assertThat(verbsFor(role.getRules(), "", "nodes")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(verbsFor(role.getRules(), "datacenter.dev", "datacenterapps/status"))
                .contains("update");
        assertThat(verbsFor(role.getRules(), "", "secrets")).isEmpty();
    }

    @Test
    void leaseRoleIsNamespacedAndLimitedToLeases() throws IOException {
        Role role = load("leader-election-role.yaml", Role.class);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("datacenter-system");
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(rule.getResources()).containsExactly("leases");
            assertThat(rule.getVerbs()).doesNotContain("*", "delete");
        });
    }

    @Test
    void deploymentIsHardenedAndProbed() throws IOException {
        Deployment deployment = load("deployment.yaml", Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("datacenter-operator");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsKeys("cpu", "memory");
        var security = operator.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getEnv()).extracting("name").contains("POD_NAME", "POD_NAMESPACE");
    }

    @Test
    void theTwoReplicasSpreadOverNodesAndADrainEvictsOneAtATime() throws IOException {
        Deployment deployment = load("deployment.yaml", Deployment.class);
        var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .singleElement()
                .satisfies(spread -> {
                    assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(spread.getMaxSkew()).isEqualTo(1);
                    assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                    assertThat(labels)
                            .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
                });
        PodDisruptionBudget budget = load("pod-disruption-budget.yaml", PodDisruptionBudget.class);
        assertThat(budget.getMetadata().getNamespace()).isEqualTo("datacenter-system");
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getMinAvailable()).isNull();
        assertThat(labels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void kustomizationListsEveryManifestOfTheFolder() throws IOException {
        String kustomization = Files.readString(DEPLOY.resolve("kustomization.yaml"));
        try (Stream<Path> files = Files.list(DEPLOY)) {
            List<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .toList();
            assertThat(manifests)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(kustomization).contains("- " + name));
        }
        assertThat(kustomization).contains("- ../crds");
    }

    @Test
    void kubectlKustomizeRendersTheCrdsAndTheOperator() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on PATH: rendering not checked");
        Process process = new ProcessBuilder("kubectl", "kustomize", DEPLOY.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<?> rendered = Serialization.unmarshal(output);
        List<String> kinds = new ArrayList<>();
        for (Object item : rendered) {
            HasMetadata resource = (HasMetadata) item;
            kinds.add(resource.getKind() + "/" + resource.getMetadata().getName());
        }
        assertThat(kinds)
                .contains(
                        "CustomResourceDefinition/datacenterapps.datacenter.dev",
                        "CustomResourceDefinition/resourcepools.datacenter.dev",
                        "CustomResourceDefinition/persistentvolumeclaimsets.datacenter.dev",
                        "Namespace/datacenter-system",
                        "ServiceAccount/datacenter-operator",
                        "ClusterRole/datacenter-operator",
                        "ClusterRoleBinding/datacenter-operator",
                        "Role/datacenter-operator-leader-election",
                        "RoleBinding/datacenter-operator-leader-election",
                        "Deployment/datacenter-operator",
                        "PodDisruptionBudget/datacenter-operator",
                        "Service/datacenter-operator");
    }

    private static List<String> verbsFor(List<PolicyRule> rules, String group, String resource) {
        return rules.stream()
                .filter(r ->
                        r.getApiGroups().contains(group) && r.getResources().contains(resource))
                .flatMap(r -> r.getVerbs().stream())
                .toList();
    }

    private static <T> T load(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(DEPLOY.resolve(file)), type);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
