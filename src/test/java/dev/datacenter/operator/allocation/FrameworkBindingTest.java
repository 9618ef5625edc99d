package dev.datacenter.operator.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.cluster.PodScheduling;
import dev.datacenter.operator.inventory.FrameworkFeed;
import dev.datacenter.operator.placement.CycleResult;
import dev.datacenter.operator.placement.NodeSpec;
import dev.datacenter.operator.placement.OfferDecision;
import dev.datacenter.operator.placement.PlacementEngine;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Assume, then write, for framework pods: the engine takes a placed pod's resources at once; a binding the
 * API refuses rolls the assumption back and the pod is offered again; a bound pod and then an ended pod are
 * followed from the cache; pods of other schedulers are not ours.
 */
class FrameworkBindingTest {

    static final long GI = 1L << 30;

    /** A PodScheduling that records bindings, or refuses them with a 409. */
    static final class FakeScheduling extends PodScheduling {
        volatile boolean refuse;
        final List<String> bound = new ArrayList<>();

        @Override
        public synchronized void bind(String namespace, String pod, String node) {
            if (refuse) throw new KubernetesClientException("already bound", 409, null);
            bound.add(namespace + "/" + pod + "@" + node);
        }

        @Override
        public void scheduled(Pod pod, String node) {}
    }

    static Pod pod(String name, String scheduler, String node, String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .withLabels(Map.of("datacenter.dev/pool", "default"))
                .endMetadata()
                .withNewSpec()
                .withSchedulerName(scheduler)
                .withNodeName(node)
                .addNewContainer()
                .withName("c")
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    private static FrameworkScheduler scheduler(FakeScheduling scheduling) {
        FrameworkScheduler s = new FrameworkScheduler();
        s.scheduling = scheduling;
        s.writer = new InstancePodWriter();
        s.writer.writers = 1;
        s.metrics = new AllocationMetrics(new SimpleMeterRegistry());
        s.cache = new dev.datacenter.operator.cluster.ClusterCache();
        s.registry = new SimpleMeterRegistry();
        return s;
    }

    private static void runOutcome(LinkedBlockingQueue<Runnable> outcomes) throws InterruptedException {
        Runnable r = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("the binding's outcome").isNotNull();
        r.run();
    }

    @Test
    void aRefusedBindingRollsBackAndThePodIsOfferedAgain() throws Exception {
        PlacementEngine engine = new PlacementEngine();
        engine.upsertNode(NodeSpec.of("n1", Map.of(), Resources.of(2000, 8 * GI)));
        FrameworkFeed feed = new FrameworkFeed(engine, "datacenter");
        assertThat(feed.pod("ns/p1", Optional.of(pod("p1", "datacenter", null, "Pending"))))
                .isTrue();
        assertThat(feed.pod("ns/other", Optional.of(pod("other", "default-scheduler", null, "Pending"))))
                .as("a pod of another scheduler is not ours")
                .isFalse();
        FakeScheduling scheduling = new FakeScheduling();
        FrameworkScheduler scheduler = scheduler(scheduling);
        LinkedBlockingQueue<Runnable> outcomes = new LinkedBlockingQueue<>();

        scheduling.refuse = true;
        CycleResult first = engine.allocate();
        assertThat(first.decisions()).hasSize(1);
        OfferDecision d = first.decisions().get(0);
        assertThat(engine.freeFor("n1", "default").orElseThrow().cpus())
                .as("assumed")
                .isEqualTo(1000);
        scheduler.bind(engine, feed, d, outcomes::add);
        runOutcome(outcomes);
        assertThat(engine.freeFor("n1", "default").orElseThrow().cpus())
                .as("rolled back")
                .isEqualTo(2000);
        assertThat(engine.waiting(d.appKey())).containsExactly(d.instance());

        scheduling.refuse = false;
        CycleResult second = engine.allocate();
        assertThat(second.decisions()).hasSize(1);
        scheduler.bind(engine, feed, second.decisions().get(0), outcomes::add);
        runOutcome(outcomes);
        assertThat(scheduling.bound).containsExactly("ns/p1@n1");
        feed.pod("ns/p1", Optional.of(pod("p1", "datacenter", "n1", "Running")));
        assertThat(engine.freeFor("n1", "default").orElseThrow().cpus()).isEqualTo(1000);
        assertThat(feed.figures()).singleElement().satisfies(f -> {
            assertThat(f.owner()).isEqualTo("Pod/p1");
            assertThat(f.running()).isEqualTo(1);
            assertThat(f.waiting()).isZero();
        });

        // an ended pod holds nothing
        feed.pod("ns/p1", Optional.of(pod("p1", "datacenter", "n1", "Succeeded")));
        assertThat(engine.freeFor("n1", "default").orElseThrow().cpus()).isEqualTo(2000);
        assertThat(feed.figures()).isEmpty();
    }

    @Test
    void aPodWithABadAnnotationIsReportedNotPlaced() {
        PlacementEngine engine = new PlacementEngine();
        engine.upsertNode(NodeSpec.of("n1", Map.of(), Resources.of(2000, 8 * GI)));
        FrameworkFeed feed = new FrameworkFeed(engine, "datacenter");
        Pod bad = pod("bad", "datacenter", null, "Pending");
        bad.getMetadata().setAnnotations(Map.of("datacenter.dev/constraints", "[[\"hostname\",\"SOMETIMES\"]]"));
        feed.pod("ns/bad", Optional.of(bad));
        assertThat(engine.allocate().decisions()).isEmpty();
        assertThat(feed.problems()).containsKey("ns/bad");
        assertThat(feed.problems().get("ns/bad")).contains("unknown operator SOMETIMES");
    }
}
