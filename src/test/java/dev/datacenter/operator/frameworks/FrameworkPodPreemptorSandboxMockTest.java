package dev.datacenter.operator.frameworks;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PreemptionPolicy;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.UpgradeStrategy;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Framework pods are preemptors like DataCenterApp instances. The sandbox's 48 CPUs are full: pool kept (8 CPUs
 * guaranteed) runs a Job of 8 pods; pool batch runs a Job {@code high} (priority 5, 16 pods), a Job {@code low}
 * (priority 0, 8 pods), an app {@code steady} (8 instances, {@code minimumHealthCapacity} 1.0, the default) and an
 * app {@code crunch} (8 instances, {@code minimumHealthCapacity} 0.5). Pool urgent (8 CPUs guaranteed) holds two
 * waiting Jobs of 8 one-CPU pods, {@code meek} (priority 0) and {@code vip} (priority 100), when its preemption is
 * turned to {@code ToGuarantee}.
 *
 * <p>What a user relies on: vip's 8 pods are bound, on room made by evicting 8 pods of priority 0 (low's and
 * crunch's, through the sandbox's {@code pods/eviction}), each victim told by a {@code Preempted} event naming the
 * vip pod it made room for, each vip pod by a {@code Preempting} event; meek, of lower priority in the same pool,
 * waits; nothing the rules protect is touched: pool kept (at its guarantee), app steady (its health floor), crunch
 * beyond half its instances, and the Job of priority 5 while pods of priority 0 suffice.
 */
@QuarkusTest
@TestProfile(FrameworkPreemptorSandboxProfile.class)
class FrameworkPodPreemptorSandboxMockTest {

    static final String NS = FrameworkPodsSandboxMockTest.NS;
    private static final Duration LONG = Duration.ofSeconds(90);

    @Inject
    KubernetesClient client;

    /** A Job of {@code pods} one-CPU pods in the pool, all running at once, with the priority annotation. */
    private static Job job(String name, String pool, int pods, int priority) {
        Job job = FrameworkPodsSandboxMockTest.job(name, pool, "1", pods, pods, 3600);
        Map<String, String> annotations =
                new HashMap<>(job.getSpec().getTemplate().getMetadata().getAnnotations());
        annotations.put("datacenter.dev/priority", String.valueOf(priority));
        job.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
        return job;
    }

    private void create(Job job) {
        client.batch().v1().jobs().inNamespace(NS).resource(job).create();
    }

    private void app(String name, double minimumHealthCapacity) {
        client.resources(DataCenterApp.class)
                .inNamespace(NS)
                .resource(TestObjects.app(NS, name, spec -> {
                    spec.setPool("batch");
                    spec.setInstances(8);
                    spec.getResources().setCpus(new Quantity("1"));
                    UpgradeStrategy upgrade = new UpgradeStrategy();
                    upgrade.setMinimumHealthCapacity(minimumHealthCapacity);
                    spec.setUpgradeStrategy(upgrade);
                }))
                .create();
    }

    private List<Pod> jobPods(String job) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("batch.kubernetes.io/job-name", job)
                .list()
                .getItems();
    }

    private List<Pod> appPods(String app) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("datacenter.dev/app", app)
                .list()
                .getItems();
    }

    private static long running(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getSpec().getNodeName() != null
                        && p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase()))
                .count();
    }

    private static boolean saysUnschedulable(Pod p) {
        return p.getSpec().getNodeName() == null
                && p.getStatus() != null
                && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType())
                                && "False".equals(c.getStatus())
                                && "Unschedulable".equals(c.getReason()));
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    private static Set<String> namesStartingWith(List<Event> events, String prefix) {
        return events.stream()
                .map(e -> e.getInvolvedObject().getName())
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    @Test
    void aWaitingFrameworkPodOfHighPriorityGetsItsPoolsGuaranteeByPreemption() {
        create(job("kept", "kept", 8, 0));
        create(job("high", "batch", 16, 5));
        app("steady", 1.0);
        create(job("low", "batch", 8, 0));
        app("crunch", 0.5);
        await(
                "the cluster's 48 CPUs are taken",
                LONG,
                () -> running(jobPods("kept")) == 8
                        && running(jobPods("high")) == 16
                        && running(appPods("steady")) == 8
                        && running(jobPods("low")) == 8
                        && running(appPods("crunch")) == 8);

        create(job("meek", "urgent", 8, 0));
        create(job("vip", "urgent", 8, 100));
        await("both urgent Jobs' 16 pods wait, Unschedulable", LONG, () -> {
            List<Pod> waiting = new ArrayList<>(jobPods("meek"));
            waiting.addAll(jobPods("vip"));
            return waiting.size() == 16 && waiting.stream().allMatch(p -> saysUnschedulable(p));
        });
        client.resources(ResourcePool.class).withName("urgent").edit(p -> {
            p.getSpec().setPreemption(PreemptionPolicy.ToGuarantee);
            return p;
        });

        await("vip's 8 pods are bound and run", LONG, () -> running(jobPods("vip")) == 8);
        assertThat(jobPods("meek"))
                .as("the lower priority of the same pool waits: the guarantee's room went to vip")
                .hasSize(8)
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNull());

        // the victims: 8 pods of priority 0, of low and crunch, no more
        long lowLeft = running(jobPods("low"));
        long crunchLeft = running(appPods("crunch"));
        assertThat((8 - lowLeft) + (8 - crunchLeft))
                .as("one victim per vip pod, no useless kill")
                .isEqualTo(8);
        assertThat(crunchLeft).as("crunch keeps half its instances").isGreaterThanOrEqualTo(4);
        // what the rules protect
        assertThat(jobPods("kept"))
                .as("pool kept, at its guarantee, loses nothing")
                .hasSize(8)
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotNull());
        assertThat(appPods("steady"))
                .as("steady keeps its minimumHealthCapacity of 1.0")
                .hasSize(8);
        assertThat(running(appPods("steady"))).isEqualTo(8);
        assertThat(jobPods("high"))
                .as("priority 5 is spared while priority 0 suffices")
                .hasSize(16);
        assertThat(running(jobPods("high"))).isEqualTo(16);

        Set<String> vipPods =
                jobPods("vip").stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        await(
                "each evicted pod of low is told why",
                Duration.ofSeconds(30),
                () -> namesStartingWith(events("Preempted"), "low-").size() == 8 - lowLeft);
        assertThat(events("Preempted"))
                .filteredOn(e -> e.getInvolvedObject().getName().startsWith("low-"))
                .allSatisfy(e -> assertThat(e.getMessage())
                        .contains("pool urgent")
                        .containsAnyOf(
                                vipPods.stream().map(n -> "pod " + NS + "/" + n).toArray(String[]::new)));
        if (crunchLeft < 8) {
            await(
                    "crunch is told why",
                    Duration.ofSeconds(30),
                    () -> events("Preempted").stream()
                            .anyMatch(e -> "crunch".equals(e.getInvolvedObject().getName())
                                    && e.getMessage().contains("pod " + NS + "/vip-")));
        }
        await(
                "each vip pod is told whom it evicted",
                Duration.ofSeconds(30),
                () -> namesStartingWith(events("Preempting"), "vip-").equals(vipPods));
        assertThat(events("Preempted"))
                .as("nothing protected is told it was preempted")
                .noneMatch(e -> {
                    String n = e.getInvolvedObject().getName();
                    return n.startsWith("kept-") || n.startsWith("high-") || n.startsWith("steady");
                });
        await("the pool counts its preemptions", Duration.ofSeconds(30), () -> {
            ResourcePool pool =
                    client.resources(ResourcePool.class).withName("urgent").get();
            return pool.getStatus() != null
                    && pool.getStatus().getPreemptions() != null
                    && pool.getStatus().getPreemptions() == 8;
        });

        // and it stays so: urgent is at its guarantee, meek may not preempt beyond it
        sleep(3000);
        assertThat(running(jobPods("vip"))).isEqualTo(8);
        assertThat(running(jobPods("low")) + running(appPods("crunch"))).isEqualTo(lowLeft + crunchLeft);
        assertThat(jobPods("meek"))
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNull());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
