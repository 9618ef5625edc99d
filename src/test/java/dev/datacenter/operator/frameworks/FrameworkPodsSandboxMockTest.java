package dev.datacenter.operator.frameworks;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator as a second scheduler, end to end in the sandbox: Jobs naming {@code schedulerName: datacenter}
 * are placed in their pool, bound through {@code pods/binding}, run by the simulated kubelet and completed by
 * the sandbox's Job controller; gangs wait whole; constraints spread; pools share nodes by weight.
 */
@QuarkusTest
@TestProfile(FrameworksSandboxProfile.class)
class FrameworkPodsSandboxMockTest {

    static final String NS = "work";

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    /** {@code datacenter_api_writes_total} for a verb and kind, successful writes only. */
    private double writes(String verb, String kind) {
        return registry
                .find("datacenter_api_writes_total")
                .tags("verb", verb, "kind", kind, "outcome", "ok")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    static Job job(String name, String pool, String cpu, int parallelism, int completions, double runSeconds) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("datacenter.dev/sandbox-run-seconds", String.valueOf(runSeconds));
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withParallelism(parallelism)
                .withCompletions(completions)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("datacenter.dev/pool", pool))
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withSchedulerName("datacenter")
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("work")
                .withImage("busybox")
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("256Mi")))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private List<Pod> podsOfJob(String job) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("batch.kubernetes.io/job-name", job)
                .list()
                .getItems();
    }

    private boolean complete(String job) {
        Job j = client.batch().v1().jobs().inNamespace(NS).withName(job).get();
        return j != null
                && j.getStatus() != null
                && j.getStatus().getConditions() != null
                && j.getStatus().getConditions().stream()
                        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean running(Pod p) {
        return p.getSpec().getNodeName() != null
                && p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase());
    }

    @Test
    void aJobOfTwentyPodsInTheBatchPoolCompletesAndThePoolCountsIt() {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .resource(job("twenty", "batch", "500m", 20, 20, 4))
                .create();
        await("the batch pool's status counts the job's pods", Duration.ofSeconds(60), () -> {
            ResourcePool p =
                    client.resources(ResourcePool.class).withName("batch").get();
            return p.getStatus() != null
                    && p.getStatus().getAllocated() != null
                    && p.getStatus().getAllocated().getCpus() != null
                    && p.getStatus()
                                    .getAllocated()
                                    .getCpus()
                                    .getNumericalAmount()
                                    .doubleValue()
                            >= 10.0;
        });
        await("the job completes", Duration.ofSeconds(90), () -> complete("twenty"));
        List<Pod> pods = podsOfJob("twenty");
        assertThat(pods).hasSize(20).allSatisfy(p -> {
            assertThat(p.getSpec().getNodeName()).isNotNull();
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
        });
        assertThat(writes("bind", "Pod"))
                .as("bindings pass the operator's write limit and are counted like every write")
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void aGangThatCannotFitLeavesAllItsPodsPendingAndUnschedulable() {
        for (int i = 0; i < 6; i++) {
            client.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("gang-" + i)
                            .withLabels(Map.of("datacenter.dev/pool", "small"))
                            .withAnnotations(Map.of("datacenter.dev/gang", "big", "datacenter.dev/gang-size", "6"))
                            .endMetadata()
                            .withNewSpec()
                            .withSchedulerName("datacenter")
                            .addNewContainer()
                            .withName("work")
                            .withImage("busybox")
                            .withNewResources()
                            .withRequests(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")))
                            .endResources()
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
        }
        await("all six gang pods say Unschedulable, naming the gang", Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 6; i++) {
                Pod p = client.pods().inNamespace(NS).withName("gang-" + i).get();
                boolean told = p.getStatus() != null
                        && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream()
                                .anyMatch(c -> "PodScheduled".equals(c.getType())
                                        && "False".equals(c.getStatus())
                                        && "Unschedulable".equals(c.getReason())
                                        && c.getMessage().contains("GangCannotFit"));
                if (!told) return false;
            }
            return true;
        });
        for (int i = 0; i < 6; i++) {
            Pod p = client.pods().inNamespace(NS).withName("gang-" + i).get();
            assertThat(p.getSpec().getNodeName()).isNull();
            assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        }
        await(
                "a FailedScheduling event is recorded",
                () -> client.v1().events().inNamespace(NS).list().getItems().stream()
                        .anyMatch(e -> "FailedScheduling".equals(e.getReason())
                                && e.getInvolvedObject().getName().startsWith("gang-")));
    }

    @Test
    void podsWithAUniqueHostnameConstraintSpread() {
        Job spread = job("spread", "batch", "100m", 6, 6, 3600);
        spread.getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .put("datacenter.dev/constraints", "[[\"hostname\",\"UNIQUE\"]]");
        client.batch().v1().jobs().inNamespace(NS).resource(spread).create();
        await(
                "six pods run",
                Duration.ofSeconds(60),
                () -> podsOfJob("spread").stream()
                                .filter(FrameworkPodsSandboxMockTest::running)
                                .count()
                        == 6);
        Set<String> nodes =
                podsOfJob("spread").stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
        assertThat(nodes).hasSize(6);
        client.batch().v1().jobs().inNamespace(NS).withName("spread").delete();
        podsOfJob("spread").forEach(p -> client.pods().resource(p).delete());
    }

    @Test
    void aBatchPoolAndAServicePoolShareTheNodesByWeightWhileJobsComeAndGo() {
        // the Jobs take the whole cluster first (48 CPUs) and keep 32 more pods waiting (a backlog, so the
        // batch pool always has demand when a pod ends)...
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .resource(job("wave-a", "batch", "1", 40, 120, 2))
                .create();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .resource(job("wave-b", "batch", "1", 40, 120, 2))
                .create();
        await(
                "the Jobs hold all 48 CPUs",
                Duration.ofSeconds(60),
                () -> client.pods().inNamespace(NS).list().getItems().stream()
                                .filter(p -> p.getMetadata().getName().startsWith("wave-"))
                                .filter(FrameworkPodsSandboxMockTest::running)
                                .count()
                        == 48);
        // ...then a service of 16 one-CPU instances arrives in the weight-1 pool: as Job pods end, it gets
        // CPUs until its weighted share meets the batch pool's (12 of 48 against 36 of 48 at weights 1:3)
        client.resources(DataCenterApp.class)
                .inNamespace(NS)
                .resource(dev.datacenter.operator.testsupport.TestObjects.app(NS, "web", spec -> {
                    spec.setPool("service");
                    spec.setInstances(16);
                    spec.getResources().setCpus(new Quantity("1"));
                    spec.getResources().setMem(new Quantity("1Gi"));
                }))
                .create();
        await("the service holds its weighted share while the Jobs still want more", Duration.ofSeconds(90), () -> {
            long service =
                    client.pods().inNamespace(NS).withLabel("datacenter.dev/app", "web").list().getItems().stream()
                            .filter(FrameworkPodsSandboxMockTest::running)
                            .count();
            boolean batchWaits = !complete("wave-a") || !complete("wave-b");
            return service == 12 && batchWaits;
        });
        // and never more than that while the batch pool has work waiting
        for (int i = 0; i < 5 && !(complete("wave-a") && complete("wave-b")); i++) {
            long service =
                    client.pods().inNamespace(NS).withLabel("datacenter.dev/app", "web").list().getItems().stream()
                            .filter(p -> p.getSpec().getNodeName() != null)
                            .count();
            assertThat(service).isLessThanOrEqualTo(13);
            dev.datacenter.operator.testsupport.Eventually.sleep(500);
        }
        await("both Jobs complete", Duration.ofSeconds(120), () -> complete("wave-a") && complete("wave-b"));
        await(
                "once the Jobs are done the service gets all its instances",
                Duration.ofSeconds(60),
                () -> client.pods().inNamespace(NS).withLabel("datacenter.dev/app", "web").list().getItems().stream()
                                .filter(FrameworkPodsSandboxMockTest::running)
                                .count()
                        == 16);
    }
}
