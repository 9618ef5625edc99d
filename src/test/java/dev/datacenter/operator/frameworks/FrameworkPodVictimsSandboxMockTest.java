package dev.datacenter.operator.frameworks;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Framework pods are victims of preemption like DataCenterApp instances: a Job fills the sandbox's 48 CPUs
 * in pool batch; a service arriving in a pool with an 8-CPU guarantee and {@code preemption: ToGuarantee}
 * gets its 8 CPUs by the eviction of 8 Job pods (through the sandbox's {@code pods/eviction}), each told why
 * by a {@code Preempted} event; the Job's replacement pods wait, the rest of the Job keeps running.
 */
@QuarkusTest
@TestProfile(FrameworkVictimsSandboxProfile.class)
class FrameworkPodVictimsSandboxMockTest {

    static final String NS = FrameworkPodsSandboxMockTest.NS;

    @Inject
    KubernetesClient client;

    private List<Pod> jobPods() {
        return client.pods()
                .inNamespace(NS)
                .withLabel("batch.kubernetes.io/job-name", "hog")
                .list()
                .getItems();
    }

    private long running(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getSpec().getNodeName() != null
                        && p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase()))
                .count();
    }

    @Test
    void jobPodsAreEvictedForAPoolBelowItsGuarantee() {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .resource(FrameworkPodsSandboxMockTest.job("hog", "batch", "1", 48, 48, 3600))
                .create();
        await("the Job holds all 48 CPUs", Duration.ofSeconds(60), () -> running(jobPods()) == 48);

        client.resources(DataCenterApp.class)
                .inNamespace(NS)
                .resource(TestObjects.app(NS, "web", spec -> {
                    spec.setPool("guaranteed");
                    spec.setInstances(8);
                    spec.getResources().setCpus(new Quantity("1"));
                }))
                .create();
        await(
                "the service gets its guaranteed 8 CPUs",
                Duration.ofSeconds(90),
                () -> running(client.pods()
                                .inNamespace(NS)
                                .withLabel("datacenter.dev/app", "web")
                                .list()
                                .getItems())
                        == 8);

        List<Pod> job = jobPods();
        assertThat(running(job)).as("the rest of the Job keeps running").isEqualTo(40);
        assertThat(job.stream().filter(p -> p.getSpec().getNodeName() == null))
                .as("the Job's replacements for its evicted pods wait")
                .isNotEmpty();
        await(
                "each evicted Job pod is told why",
                Duration.ofSeconds(30),
                () -> client.v1().events().inNamespace(NS).list().getItems().stream()
                                .filter(e -> "Preempted".equals(e.getReason())
                                        && e.getInvolvedObject().getName().startsWith("hog-"))
                                .count()
                        >= 8);
        await("the pool counts its preemptions", Duration.ofSeconds(30), () -> {
            ResourcePool pool =
                    client.resources(ResourcePool.class).withName("guaranteed").get();
            return pool.getStatus() != null
                    && pool.getStatus().getPreemptions() != null
                    && pool.getStatus().getPreemptions() >= 8;
        });
    }
}
