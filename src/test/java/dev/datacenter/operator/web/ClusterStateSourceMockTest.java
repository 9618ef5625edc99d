package dev.datacenter.operator.web;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.placement.DeclineReason;
import dev.datacenter.operator.runtime.InstanceFailureCounter;
import dev.datacenter.operator.testsupport.Eventually;
import dev.datacenter.operator.testsupport.RegisterCrds;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real {@link OperatorStateSource} end to end: nodes, a foreign pod, a pool and apps in the in-process API
 * server; the operator places what fits; {@code /api/v1/state}, {@code /api/v1/offers} and {@code /q/metrics}
 * then report figures that match the objects, computed here independently.
 */
@QuarkusTest
@TestProfile(ClusterStateProfile.class)
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStateSourceMockTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GI = 1024L * 1024 * 1024;
    private static final long MI = 1024L * 1024;

    @Inject
    KubernetesClient client;

    @Inject
    InstanceFailureCounter failures;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void aSmallCluster() {
        client.resource(node(
                        "w1",
                        Map.of("tier", "web", "topology.kubernetes.io/zone", "z1", "rack", "r1"),
                        "4",
                        "8Gi",
                        true))
                .create();
        client.resource(node("w2", Map.of("tier", "web", "topology.kubernetes.io/zone", "z2"), "4", "8Gi", true))
                .create();
        client.resource(node("b1", Map.of("tier", "batch"), "8", "16Gi", false)).create();
        // someone else's pod on w2: 1 CPU, 1Gi
        client.resource(foreignPod("kube-system", "dns", "w2", "1", "1Gi")).create();
        ResourcePool web = TestObjects.pool(
                "web",
                new LabelSelectorBuilder().addToMatchLabels("tier", "web").build());
        web.getSpec().setWeight(2.0);
        ResourceAmounts guarantee = new ResourceAmounts();
        guarantee.setCpus(new Quantity("2"));
        web.getSpec().setGuarantee(guarantee);
        client.resource(web).create();
        // 2 x (500m, 256Mi) in pool web: fits
        client.resource(TestObjects.app("shop", "jokes", spec -> spec.setPool("web")))
                .create();
        // 64 cores: fits nowhere
        client.resource(TestObjects.app("shop", "huge", spec -> {
                    spec.setInstances(1);
                    spec.getResources().setCpus(new Quantity("64"));
                }))
                .create();
        await(
                "both jokes instances have pods",
                () -> client.pods()
                                .inNamespace("shop")
                                .withLabel("datacenter.dev/app", "jokes")
                                .list()
                                .getItems()
                                .size()
                        == 2);
    }

    @Test
    void nodesReportCapacityAllocationAndPools() throws Exception {
        await("the state shows both jokes pods", () -> tasks(get("api/v1/state")) == 2);
        JsonNode state = get("api/v1/state");

        List<String> names = new ArrayList<>();
        state.get("nodes").forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).containsExactly("b1", "w1", "w2");

        // every pod holding a node, ours (accepted on it, not bound: the mock has no scheduler) or not
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        for (JsonNode n : state.get("nodes")) {
            String name = n.get("name").asText();
            double cpus = 0;
            long mem = 0;
            int ours = 0;
            for (Pod p : pods) {
                if (name.equals(nodeOf(p))) {
                    cpus += Quantity.getAmountInBytes(p.getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getResources()
                                    .getRequests()
                                    .get("cpu"))
                            .doubleValue();
                    mem += Quantity.getAmountInBytes(p.getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getResources()
                                    .getRequests()
                                    .get("memory"))
                            .longValue();
                    ours += p.getMetadata().getLabels() != null
                                    && p.getMetadata().getLabels().containsKey("datacenter.dev/app")
                            ? 1
                            : 0;
                }
            }
            assertThat(n.get("allocated").get("cpus").asDouble())
                    .as(name + " cpus")
                    .isCloseTo(cpus, within(1e-9));
            assertThat(n.get("allocated").get("mem").asLong()).as(name + " mem").isEqualTo(mem);
            assertThat(n.get("free").get("cpus").asDouble())
                    .isCloseTo(n.get("capacity").get("cpus").asDouble() - cpus, within(1e-9));
            assertThat(n.get("tasks").asInt()).as(name + " tasks").isEqualTo(ours);
        }
        JsonNode w1 = byName(state.get("nodes"), "w1");
        assertThat(w1.get("capacity").get("cpus").asDouble()).isEqualTo(4.0);
        assertThat(w1.get("capacity").get("mem").asLong()).isEqualTo(8 * GI);
        assertThat(w1.get("zone").asText()).isEqualTo("z1");
        assertThat(w1.get("rack").asText()).isEqualTo("r1");
        assertThat(w1.get("schedulable").asBoolean()).isTrue();
        assertThat(texts(w1.get("pools"))).containsExactly("default", "web");
        JsonNode w2 = byName(state.get("nodes"), "w2");
        assertThat(w2.get("rack").isNull()).isTrue();
        JsonNode b1 = byName(state.get("nodes"), "b1");
        assertThat(b1.get("schedulable").asBoolean()).isFalse();
        assertThat(b1.get("ready").asBoolean()).isFalse();
        assertThat(texts(b1.get("pools"))).containsExactly("default");

        JsonNode cluster = state.get("cluster");
        assertThat(cluster.get("nodes").asInt()).isEqualTo(3);
        assertThat(cluster.get("schedulableNodes").asInt()).isEqualTo(2);
        assertThat(cluster.get("capacity").get("cpus").asDouble()).isEqualTo(16.0);
        assertThat(cluster.get("capacity").get("mem").asLong()).isEqualTo(32 * GI);
        // the foreign pod and the two jokes instances
        assertThat(cluster.get("allocated").get("cpus").asDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(cluster.get("allocated").get("mem").asLong()).isEqualTo(1 * GI + 2 * 256 * MI);
        assertThat(cluster.get("taskFailures").asLong()).isEqualTo(failures.total());
    }

    @Test
    void poolsCarryTheirSpecAndTheCyclesFigures() throws Exception {
        await(
                "pool web shows both instances",
                () -> byName(get("api/v1/state").get("pools"), "web")
                                .get("allocated")
                                .get("cpus")
                                .asDouble()
                        == 1.0);
        JsonNode pools = get("api/v1/state").get("pools");
        assertThat(texts(pools, "name")).containsExactly("default", "web");

        JsonNode web = byName(pools, "web");
        assertThat(web.get("implied").asBoolean()).isFalse();
        assertThat(web.get("weight").asDouble()).isEqualTo(2.0);
        assertThat(web.get("guarantee").get("cpus").asDouble()).isEqualTo(2.0);
        assertThat(web.get("limit").isNull()).isTrue();
        assertThat(web.get("nodes").asInt()).isEqualTo(2);
        assertThat(web.get("capacity").get("cpus").asDouble()).isEqualTo(8.0);
        assertThat(web.get("allocated").get("mem").asLong()).isEqualTo(512 * MI);
        assertThat(web.get("apps").asInt()).isEqualTo(1);
        assertThat(web.get("pendingInstances").asInt()).isZero();
        // dominant share over the schedulable cluster (8 cores, 16Gi): 1 of 8 cores
        assertThat(web.get("dominantShare").asDouble()).isCloseTo(1.0 / 8, within(1e-9));
        assertThat(web.get("weightedShare").asDouble()).isCloseTo(1.0 / 16, within(1e-9));

        JsonNode implied = byName(pools, "default");
        assertThat(implied.get("implied").asBoolean()).isTrue();
        assertThat(implied.get("nodes").asInt()).isEqualTo(2);
        assertThat(implied.get("apps").asInt()).isEqualTo(1);
        assertThat(implied.get("pendingInstances").asInt()).isEqualTo(1);
    }

    @Test
    void appsShowInstancesAndWhyTheyWait() throws Exception {
        await(
                "huge waits for offers",
                () -> byName(get("api/v1/state").get("apps"), "huge")
                                .get("pending")
                                .get("count")
                                .asInt()
                        == 1);
        JsonNode apps = get("api/v1/state").get("apps");
        assertThat(texts(apps, "name")).containsExactly("huge", "jokes");

        JsonNode huge = byName(apps, "huge");
        assertThat(huge.get("namespace").asText()).isEqualTo("shop");
        assertThat(huge.get("pool").asText()).isEqualTo("default");
        assertThat(huge.get("desired").asInt()).isEqualTo(1);
        assertThat(huge.get("resources").get("cpus").asDouble()).isEqualTo(64.0);
        assertThat(huge.get("image").asText()).isEqualTo("example/huge:1.0");
        // b1 is not Ready; w1 and w2 have too few CPUs
        Map<String, Integer> reasons = reasons(huge.get("pending").get("reasons"));
        assertThat(reasons).containsEntry("InsufficientCpus", 2).containsEntry("NodeUnschedulable", 1);
        await(
                "huge's status says it waits",
                () -> "Waiting"
                        .equals(byName(get("api/v1/state").get("apps"), "huge")
                                .get("status")
                                .asText()));

        JsonNode jokes = byName(apps, "jokes");
        assertThat(jokes.get("pool").asText()).isEqualTo("web");
        assertThat(jokes.get("desired").asInt()).isEqualTo(2);
        assertThat(jokes.get("pending").get("count").asInt()).isZero();
        await(
                "jokes' status counts its instances",
                () -> byName(get("api/v1/state").get("apps"), "jokes")
                                .get("instances")
                                .get("total")
                                .asInt()
                        == 2);
        DataCenterApp read = client.resources(DataCenterApp.class)
                .inNamespace("shop")
                .withName("jokes")
                .get();
        JsonNode now = byName(get("api/v1/state").get("apps"), "jokes");
        assertThat(now.get("revision").asLong()).isEqualTo(read.getStatus().getRevision());
        assertThat(now.get("lastTaskFailure").isNull()).isTrue();
        assertThat(now.get("dependencies")).isEmpty();
        assertThat(get("api/v1/state").get("cluster").get("tasks").get("total").asInt())
                .isEqualTo(2);
    }

    @Test
    void explainSaysForEachRequirementHowManyNodesMatchAndDecline() throws Exception {
        await(
                "huge waits for offers",
                () -> get("api/v1/apps/shop/huge/explain").get("pending").asInt() == 1);
        JsonNode why = get("api/v1/apps/shop/huge/explain");
        assertThat(why.get("available").asBoolean()).isTrue();
        assertThat(why.get("pool").asText()).isEqualTo("default");
        assertThat(why.get("nodes").asInt()).isEqualTo(3);
        Map<String, JsonNode> requirements = new java.util.LinkedHashMap<>();
        why.get("requirements")
                .forEach(r -> requirements.put(r.get("requirement").asText(), r));
        assertThat(requirements).containsKeys("pool default", "schedulable", "cpus", "mem", "disk", "gpus");
        // 64 cores fit on no node; b1 is not Ready (it offers nothing: mem declines there too)
        assertThat(requirements.get("cpus").get("declined").asInt()).isEqualTo(3);
        assertThat(requirements.get("cpus").get("matched").asInt()).isZero();
        assertThat(requirements.get("cpus").get("reason").asText()).isEqualTo("InsufficientCpus");
        assertThat(requirements.get("schedulable").get("declined").asInt()).isEqualTo(1);
        assertThat(requirements.get("pool default").get("matched").asInt()).isEqualTo(3);
        for (JsonNode r : why.get("requirements")) {
            assertThat(DeclineReason.valueOf(r.get("reason").asText())).isNotNull();
            assertThat(r.get("matched").asInt() + r.get("declined").asInt()).isEqualTo(3);
        }
        assertThat(texts(why.get("closest"), "node")).containsExactly("w1", "w2", "b1");
        assertThat(texts(why.get("closest").get(0).get("failed"))).containsExactly("cpus");
        assertThat(why.get("resources").get("cpus").asDouble()).isEqualTo(64.0);
        assertThat(reasons(why.get("reasons"))).containsEntry("InsufficientCpus", 2);
    }

    @Test
    void explainAnswers404ForAnUnknownApp() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(root.toString()).resolve("api/v1/apps/shop/nothing/explain"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void offersReportTheNewestCycleWithOffers() throws Exception {
        await(
                "a cycle declined offers",
                () -> get("api/v1/offers").get("offersMade").asInt() > 0);
        JsonNode offers = get("api/v1/offers");
        assertThat(offers.get("cycle").asLong()).isPositive();
        assertThat(offers.get("startedAt").asText()).endsWith("Z");
        assertThat(offers.get("durationMillis").asDouble()).isGreaterThanOrEqualTo(0);
        int declined = 0;
        for (JsonNode d : offers.get("declined")) {
            assertThat(DeclineReason.valueOf(d.get("reason").asText())).isNotNull();
            declined += d.get("nodes").asInt();
        }
        assertThat(offers.get("offersMade").asInt())
                .isEqualTo(offers.get("accepted").asInt() + declined);
        assertThat(offers.get("placements").size())
                .isEqualTo(offers.get("accepted").asInt());
        assertThat(texts(offers.get("pools"), "name")).contains("default", "web");
    }

    @Test
    void metricsNameEveryDeclineReasonAndThePoolFigures() throws Exception {
        await(
                "pool gauges exist",
                () -> scrape().contains("datacenter_pool_allocated{pool=\"web\",resource=\"cpus\"} 1.0"));
        String metrics = scrape();
        for (DeclineReason reason : DeclineReason.values()) {
            assertThat(metrics).contains("datacenter_offers_declined_total{reason=\"" + reason.name() + "\"}");
        }
        assertThat(metrics)
                .contains(
                        "datacenter_offers_accepted_total",
                        "datacenter_allocation_cycles_total",
                        "datacenter_allocation_cycle_duration_seconds_bucket",
                        "datacenter_allocation_cycle_duration_seconds_count",
                        "datacenter_allocation_cycle_duration_seconds{quantile=\"0.99\"",
                        "datacenter_placement_latency_seconds_bucket",
                        "datacenter_placement_latency_seconds_count",
                        "datacenter_instance_failures_total",
                        "datacenter_reconcile_errors_total{kind=\"DataCenterApp\"}",
                        "datacenter_reconcile_errors_total{kind=\"ResourcePool\"}",
                        "datacenter_reconcile_errors_total{kind=\"PersistentVolumeClaimSet\"}",
                        "datacenter_pool_capacity{pool=\"web\",resource=\"cpus\"} 8.0",
                        "datacenter_pool_capacity{pool=\"web\",resource=\"mem\"}",
                        "datacenter_pool_capacity{pool=\"default\",resource=\"gpus\"} 0.0",
                        "datacenter_pool_share{pool=\"web\",resource=\"cpus\"} 0.125",
                        "datacenter_pool_dominant_share{pool=\"web\"} 0.125",
                        "datacenter_pool_pending_instances{pool=\"default\"} 1.0");
        assertThat(count(metrics, "datacenter_placement_latency_seconds_count")).isGreaterThanOrEqualTo(2);
        await(
                "task gauges count jokes' instances",
                () -> count(
                                scrape(),
                                "datacenter_app_instances{app=\"jokes\",namespace=\"shop\",pool=\"web\",state=\"total\"}")
                        == 2.0);
        assertThat(scrape())
                .contains(
                        "datacenter_app_instances{app=\"jokes\",namespace=\"shop\",pool=\"web\",state=\"running\"}",
                        "datacenter_app_instances{app=\"huge\",namespace=\"shop\",pool=\"default\",state=\"staged\"} 0.0",
                        "datacenter_pool_instances{pool=\"web\",state=\"total\"} 2.0",
                        "datacenter_pool_instances{pool=\"default\",state=\"running\"} 0.0");
    }

    /** Last: it changes the jokes app's pods. */
    @Test
    @Order(Integer.MAX_VALUE) // unordered tests default to Integer.MAX_VALUE / 2
    void aFailedInstanceIsCountedOnceInTheStateAndTheMetrics() {
        long before = get("api/v1/state").get("cluster").get("taskFailures").asLong();
        double scrapedBefore = count(scrape(), "datacenter_instance_failures_total");
        Pod victim = client.pods()
                .inNamespace("shop")
                .withLabel("datacenter.dev/app", "jokes")
                .list()
                .getItems()
                .get(0);
        client.pods()
                .inNamespace("shop")
                .withName(victim.getMetadata().getName())
                .editStatus(p -> {
                    p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Failed")
                            .withReason("Error")
                            .build());
                    return p;
                });

        await(
                "the failure is counted",
                () -> get("api/v1/state").get("cluster").get("taskFailures").asLong() == before + 1);
        await(
                "jokes reports it",
                () -> !byName(get("api/v1/state").get("apps"), "jokes")
                        .get("lastTaskFailure")
                        .isNull());
        assertThat(count(scrape(), "datacenter_instance_failures_total")).isEqualTo(scrapedBefore + 1);
        Eventually.sleep(1500); // more reconciles of the same failed pod count nothing more
        assertThat(get("api/v1/state").get("cluster").get("taskFailures").asLong())
                .isEqualTo(before + 1);
    }

    // ------------------------------------------------------------------ helpers

    static Node node(String name, Map<String, String> labels, String cpu, String mem, boolean ready) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("kubernetes.io/hostname", name);
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(all)
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(cpu))
                .addToAllocatable("memory", new Quantity(mem))
                .addToAllocatable("pods", new Quantity("110"))
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }

    static Pod foreignPod(String namespace, String name, String node, String cpu, String mem) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("c")
                .withImage("example/dns")
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(mem))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build();
    }

    private static String nodeOf(Pod p) {
        if (p.getSpec().getNodeName() != null) {
            return p.getSpec().getNodeName();
        }
        return p.getMetadata().getAnnotations() == null
                ? null
                : p.getMetadata().getAnnotations().get("datacenter.dev/node");
    }

    private static int tasks(JsonNode state) {
        int tasks = 0;
        for (JsonNode n : state.get("nodes")) {
            tasks += n.get("tasks").asInt();
        }
        return tasks;
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (name.equals(n.get("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static Map<String, Integer> reasons(JsonNode array) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        array.forEach(n -> out.put(n.get("reason").asText(), n.get("nodes").asInt()));
        return out;
    }

    private static double count(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(body(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String scrape() {
        return body("q/metrics");
    }

    private String body(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
