package dev.datacenter.operator.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.cluster.PodScheduling;
import dev.datacenter.operator.testsupport.FreePorts;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the default test run): framework pods placed and bound
 * per second by the operator through the sandbox API, beside the raw rate at which the same sandbox
 * accepts {@code pods/binding} writes from a plain client. Run:
 *
 * <pre>./mvnw test -Dtest=FrameworkBindingBenchmark -Dbench.nodes=1000 -Dbench.pods=10000</pre>
 *
 * Prints a Markdown table and writes it to {@code target/bench-framework-pods.md}.
 */
@QuarkusTest
@TestProfile(FrameworkBindingBenchmark.Profile.class)
class FrameworkBindingBenchmark {

    static final int NODES = Integer.getInteger("bench.nodes", 1000);
    static final int PODS = Integer.getInteger("bench.pods", 10000);

    public static class Profile implements QuarkusTestProfile {
        private static final int API_PORT = FreePorts.take();

        @Override
        public Map<String, String> getConfigOverrides() {
            Path nodes = Path.of("target", "bench-nodes.yaml");
            StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
            for (int i = 0; i < NODES; i++) {
                sb.append("- apiVersion: v1\n  kind: Node\n  metadata:\n    name: b-")
                        .append(i)
                        .append("\n    labels: {topology.kubernetes.io/zone: z-")
                        .append(i % 3)
                        .append("}\n  spec: {}\n  status:\n")
                        .append("    allocatable: {cpu: \"32\", memory: 128Gi, pods: \"110\"}\n")
                        .append("    capacity: {cpu: \"32\", memory: 128Gi, pods: \"110\"}\n")
                        .append("    conditions:\n    - {type: Ready, status: \"True\"}\n");
            }
            try {
                Files.createDirectories(nodes.getParent());
                Files.writeString(nodes, sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.kubernetes-client.devservices.enabled", "false",
                    "quarkus.http.test-port", "0",
                    "datacenter.sandbox.enabled", "true",
                    "datacenter.sandbox.api-port", String.valueOf(API_PORT),
                    "datacenter.sandbox.nodes", nodes.toString(),
                    "datacenter.sandbox.kubeconfig", "target/sandbox-bench/kubeconfig",
                    "quarkus.log.category.\"dev.datacenter\".level", "WARN");
        }
    }

    @Inject
    KubernetesClient client;

    private static Pod pod(String name, String scheduler) {
        return pod(name, scheduler, "default");
    }

    private static Pod pod(String name, String scheduler, String pool) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("bench")
                .withLabels(Map.of("datacenter.dev/pool", pool))
                .endMetadata()
                .withNewSpec()
                .withSchedulerName(scheduler)
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                .endResources()
                .endContainer()
                .endSpec()
                .build();
    }

    private long bound(String prefix) {
        return client.pods().inNamespace("bench").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(prefix)
                        && p.getSpec().getNodeName() != null)
                .count();
    }

    private long waiting(String prefix) {
        return client.pods().inNamespace("bench").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(prefix)
                        && p.getStatus() != null
                        && p.getStatus().getConditions().stream()
                                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())))
                .count();
    }

    @Test
    void frameworkPodsPlacedAndBoundPerSecond() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("bench")
                        .endMetadata()
                        .build())
                .create();
        // 1. the operator: pods created as fast as one client can, placed and bound by the operator meanwhile
        long start = System.nanoTime();
        for (int i = 0; i < PODS; i++)
            client.pods()
                    .inNamespace("bench")
                    .resource(pod("op-" + i, "datacenter"))
                    .create();
        long created = System.nanoTime();
        // polled once a second: a list of every pod costs the sandbox, and the run lasts minutes
        while (bound("op-") < PODS) {
            Thread.sleep(1000);
            assertThat(System.nanoTime() - start)
                    .as("all bound within 15 minutes")
                    .isLessThan(900_000_000_000L);
        }
        long done = System.nanoTime();
        double operatorRate = PODS / ((done - start) / 1e9);
        double createRate = PODS / ((created - start) / 1e9);

        // 2. the operator from a backlog: pods waiting in a pool held at a limit of one CPU, released at once by
        //    raising the limit; measured from the edit to every pod bound (placement and binding only)
        ResourcePool held = TestObjects.pool("held", null);
        held.getSpec().setLimit(new ResourceAmounts(new Quantity("1"), null, null, null));
        client.resources(ResourcePool.class).resource(held).create();
        for (int i = 0; i < PODS; i++)
            client.pods()
                    .inNamespace("bench")
                    .resource(pod("held-" + i, "datacenter", "held"))
                    .create();
        // the operator has seen every pod and told each waiting one so (PodScheduled=False): its writes are done
        long holding = System.nanoTime();
        while (waiting("held-") < PODS - 1 && System.nanoTime() - holding < 600_000_000_000L) Thread.sleep(1000);
        Thread.sleep(2000);
        long released = System.nanoTime();
        client.resources(ResourcePool.class).withName("held").edit(p -> {
            p.getSpec().setLimit(null);
            return p;
        });
        while (bound("held-") < PODS) {
            Thread.sleep(1000);
            assertThat(System.nanoTime() - released)
                    .as("all bound within 15 minutes")
                    .isLessThan(900_000_000_000L);
        }
        double backlogRate = (PODS - 1) / ((System.nanoTime() - released) / 1e9);

        // 3. the raw binding rate of the same sandbox: pods of no scheduler, bound by a plain client on 2 threads
        for (int i = 0; i < PODS; i++)
            client.pods()
                    .inNamespace("bench")
                    .resource(pod("raw-" + i, "nobody"))
                    .create();
        PodScheduling plain = new PodScheduling(client);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long rawStart = System.nanoTime();
        List<Future<?>> writes = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            writes.add(threads.submit(() -> {
                for (int i = offset; i < PODS; i += 2) plain.bind("bench", "raw-" + i, "b-" + (i % NODES));
            }));
        }
        for (Future<?> f : writes) f.get();
        double rawRate = PODS / ((System.nanoTime() - rawStart) / 1e9);
        threads.shutdown();

        String table = "| scenario | nodes | pods | pods/s |\n|---|---|---|---|\n"
                + String.format(
                        "| operator: created, placed and bound (schedulerName: datacenter) | %,d | %,d | %.0f |%n",
                        NODES, PODS, operatorRate)
                + String.format(
                        "| operator: a backlog of waiting pods placed and bound (pool limit raised) | %,d | %,d | %.0f |%n",
                        NODES, PODS, backlogRate)
                + String.format(
                        "| the streamed pods created only (one client, for reference) | %,d | %,d | %.0f |%n",
                        NODES, PODS, createRate)
                + String.format(
                        "| raw `pods/binding` writes, plain client, 2 threads | %,d | %,d | %.0f |%n",
                        NODES, PODS, rawRate)
                + "| kube-scheduler, published CI floor (5,000 nodes, other hardware) | 5,000 | — | 810 |\n"
                + String.format(
                        "%nMachine: %d cores, Java %s.%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println(table);
        Files.writeString(Path.of("target", "bench-framework-pods.md"), table);
    }
}
