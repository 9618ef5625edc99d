package dev.datacenter.operator.allocation;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PreemptionPolicy;
import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.UpgradeStrategy;
import dev.datacenter.operator.sandbox.SimulatedKubelet;
import dev.datacenter.operator.testsupport.Crds;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Preemption end to end on the in-process API server: a {@code batch} pool fills 4 nodes of 4 cpus, then a
 * {@code web} pool with a guarantee of 8 cpus and {@code preemption: ToGuarantee} arrives.
 *
 * <p>The in-process server answers 409 to {@code pods/eviction} and runs no PodDisruptionBudget logic. So
 * each test serves the eviction path of every batch pod with a test-only handler ({@link EvictionHandler})
 * standing in for the API server: it allows a given number of disruptions (as a PodDisruptionBudget would)
 * and then answers 429, and deletes the pod it accepted. What this proves: the operator evicts through the
 * Eviction API (never a direct delete), a 429 spares the pod and the operator takes another victim or
 * waits, the freed room goes to the preemptor, and the events, pool status and metric follow. What it
 * cannot prove: the API server's own PodDisruptionBudget arithmetic (a real cluster, or the sandbox's
 * eviction subresource, does that).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = PreemptionMockTest.Cluster.class)
class PreemptionMockTest {
    private static final Duration LONG = Duration.ofSeconds(90);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    private static SimulatedKubelet kubelet;

    /** Our CRDs only; each test brings its own nodes. */
    public static class Cluster implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            Crds.register(server.getClient());
        }
    }

    @BeforeEach
    void startKubelet() {
        synchronized (PreemptionMockTest.class) {
            if (kubelet == null) {
                kubelet = new SimulatedKubelet(client).start();
            }
        }
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
    }

    @Test
    void aPoolWithAGuaranteeArrivingInAFullClusterReachesItAndTheOtherKeepsItsOwn() {
        String suite = "reach";
        fullOfBatch(suite, "batch-r", "4");
        EvictionHandler handler = serveEvictions(suite, Integer.MAX_VALUE);

        pool("web-r", suite, "8", PreemptionPolicy.ToGuarantee);
        app(suite, "web", "web-r", 10, 1.0, 0);

        await("web runs 8 instances", LONG, () -> running(suite, "web") == 8);
        assertThat(running(suite, "batch"))
                .as("batch keeps at least its guarantee of 4")
                .isGreaterThanOrEqualTo(4);
        assertThat(running(suite, "batch")).isEqualTo(8);
        assertThat(handler.accepted.get())
                .as("one eviction per web instance, no useless kill")
                .isEqualTo(8);
        assertThat(handler.directDeletes())
                .as("no batch pod deleted but through the Eviction API")
                .isEmpty();
        await("web's status counts the preemptions", LONG, () -> {
            ResourcePool web =
                    client.resources(ResourcePool.class).withName("web-r").get();
            return web.getStatus() != null
                    && Long.valueOf(8).equals(web.getStatus().getPreemptions());
        });
        await(
                "events on both apps",
                LONG,
                () -> !events(suite, "batch", "Preempted").isEmpty()
                        && !events(suite, "web", "Preempting").isEmpty());
        assertThat(events(suite, "batch", "Preempted").get(0).getMessage()).contains("pool web-r");
        // and it stays so: nothing more is evicted while web waits for its two instances beyond the guarantee
        sleep(3000);
        assertThat(handler.accepted.get()).isEqualTo(8);
        assertThat(running(suite, "web")).isEqualTo(8);
    }

    @Test
    void aDisruptionBudgetThatRefusesEvictionsIsHonoured() {
        String suite = "pdb";
        fullOfBatch(suite, "batch-p", "0");
        EvictionHandler handler = serveEvictions(suite, 3); // a budget that allows 3 disruptions

        pool("web-p", suite, "8", PreemptionPolicy.ToGuarantee);
        app(suite, "web", "web-p", 8, 1.0, 0);

        await("web runs the 3 instances the budget allows", LONG, () -> running(suite, "web") == 3);
        await("refusals were asked for and answered 429", LONG, () -> handler.refused.get() > 0);
        sleep(3000);
        assertThat(handler.accepted.get()).isEqualTo(3);
        assertThat(running(suite, "batch")).isEqualTo(13);
        assertThat(running(suite, "web")).isEqualTo(3);
    }

    // ------------------------------------------------------------------ the cluster

    /** 4 nodes of 4 cpus, and a batch pool (guarantee {@code guarantee} cpus) running 16 one-cpu instances. */
    private void fullOfBatch(String suite, String pool, String guarantee) {
        for (int i = 1; i <= 4; i++)
            client.resource(node(suite + "-" + i, suite)).create();
        pool(pool, suite, guarantee, PreemptionPolicy.Never);
        app(suite, "batch", pool, 16, 0.5, 0);
        await("batch fills the cluster", LONG, () -> running(suite, "batch") == 16);
    }

    private void pool(String name, String suite, String guaranteeCpus, PreemptionPolicy preemption) {
        ResourcePool pool = TestObjects.pool(
                name,
                new LabelSelectorBuilder().addToMatchLabels("suite", suite).build());
        if (!"0".equals(guaranteeCpus))
            pool.getSpec().setGuarantee(new ResourceAmounts(new Quantity(guaranteeCpus), null, null, null));
        pool.getSpec().setPreemption(preemption);
        client.resource(pool).create();
    }

    private void app(String namespace, String name, String pool, int instances, double minimumHealth, int priority) {
        DataCenterApp app = TestObjects.app(namespace, name, spec -> {
            spec.setPool(pool);
            spec.setInstances(instances);
            spec.getResources().setCpus(new Quantity("1"));
            spec.getResources().setMem(new Quantity("256Mi"));
            UpgradeStrategy upgrade = new UpgradeStrategy();
            upgrade.setMinimumHealthCapacity(minimumHealth);
            spec.setUpgradeStrategy(upgrade);
            spec.setPriority(priority);
        });
        client.resource(app).create();
    }

    private static Node node(String name, String suite) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, "suite", suite))
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("8Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .addToCapacity("cpu", new Quantity("4"))
                .addToCapacity("memory", new Quantity("8Gi"))
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .withLastTransitionTime("2026-01-01T00:00:00Z")
                .endCondition()
                .endStatus()
                .build();
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .list()
                .getItems();
    }

    private int running(String namespace, String app) {
        return (int) pods(namespace, app).stream()
                .filter(p ->
                        p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .count();
    }

    private List<Event> events(String namespace, String app, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())
                        && e.getInvolvedObject() != null
                        && app.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the eviction path, served by the test

    /** Serves {@code POST .../pods/<name>/eviction} for every batch pod of the namespace as it is now. */
    private EvictionHandler serveEvictions(String namespace, int disruptionsAllowed) {
        EvictionHandler handler = new EvictionHandler(client, namespace, disruptionsAllowed);
        for (Pod pod : pods(namespace, "batch")) {
            String name = pod.getMetadata().getName();
            handler.known.add(name);
            server.expect()
                    .post()
                    .withPath("/api/v1/namespaces/" + namespace + "/pods/" + name + "/eviction")
                    .andReply(handler.forPod(name))
                    .always();
        }
        return handler;
    }

    /**
     * Stands in for the API server's eviction subresource: accepts (201, then deletes the pod, as the
     * API server's graceful deletion would) while the budget allows a disruption, else answers 429 with the
     * message a PodDisruptionBudget gives.
     */
    static final class EvictionHandler {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Set<String> known = ConcurrentHashMap.newKeySet();
        private final Set<String> evicted = ConcurrentHashMap.newKeySet();
        private final Map<RecordedRequest, Boolean> decisions = new ConcurrentHashMap<>();
        private final KubernetesClient client;
        private final String namespace;
        private final AtomicInteger budget;

        EvictionHandler(KubernetesClient client, String namespace, int disruptionsAllowed) {
            this.client = client;
            this.namespace = namespace;
            this.budget = new AtomicInteger(disruptionsAllowed);
        }

        /** Batch pods gone that this handler did not evict. */
        Set<String> directDeletes() {
            Set<String> gone = new java.util.HashSet<>(known);
            client.pods()
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(p -> gone.remove(p.getMetadata().getName()));
            gone.removeAll(evicted);
            return gone;
        }

        ResponseProvider<Object> forPod(String name) {
            return new ResponseProvider<>() {
                private Headers headers = new Headers.Builder().build();

                @Override
                public int getStatusCode(RecordedRequest request) {
                    return decide(request, name) ? 201 : 429;
                }

                @Override
                public Object getBody(RecordedRequest request) {
                    if (decide(request, name)) {
                        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Success", "code", 201);
                    }
                    return Map.of(
                            "kind", "Status",
                            "apiVersion", "v1",
                            "status", "Failure",
                            "reason", "TooManyRequests",
                            "code", 429,
                            "message", "Cannot evict pod as it would violate the pod's disruption budget.");
                }

                @Override
                public Headers getHeaders() {
                    return headers;
                }

                @Override
                public void setHeaders(Headers h) {
                    headers = h;
                }
            };
        }

        private boolean decide(RecordedRequest request, String name) {
            return decisions.computeIfAbsent(request, r -> {
                if (!evicted.contains(name) && budget.getAndUpdate(b -> b > 0 ? b - 1 : b) <= 0) {
                    refused.incrementAndGet();
                    return false;
                }
                if (evicted.add(name)) {
                    accepted.incrementAndGet();
                    // off the server's thread: the pod goes, as graceful deletion would end
                    CompletableFuture.runAsync(() ->
                            client.pods().inNamespace(namespace).withName(name).delete());
                }
                return true;
            });
        }
    }
}
