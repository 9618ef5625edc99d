package dev.datacenter.operator.app;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.DeploymentPhase;
import dev.datacenter.operator.api.PendingReason;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.UpgradeStrategy;
import dev.datacenter.operator.sandbox.SimulatedKubelet;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.Conflicts;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DataCenterApp lifecycle end to end on the in-process API server with five simulated nodes and
 * the simulated kubelet: placement per the pod contract, scaling, resurrection, backoff, rolling
 * deployment bounds at every step, rollback, dependencies, and why an app waits.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LifecycleCluster.class)
class AppLifecycleMockTest {

    @Inject
    KubernetesClient client;

    private static SimulatedKubelet kubelet;

    @BeforeEach
    void startKubelet() {
        synchronized (AppLifecycleMockTest.class) {
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
    void instancesArePlacedOnePerHostWithThePodContractAndAService() {
        create("place", "jokes", spec -> {
            spec.setInstances(3);
            spec.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.UNIQUE, null)));
            PortSpec http = new PortSpec();
            http.setName("http");
            http.setContainerPort(8080);
            http.setHostPort(0);
            spec.setPorts(List.of(http));
        });

        awaitReady("place", "jokes");
        List<Pod> pods = pods("place", "jokes");
        assertThat(pods).hasSize(3);
        assertThat(pods.stream().map(AppLifecycleMockTest::pinnedNode).collect(Collectors.toSet()))
                .hasSize(3);
        for (Pod pod : pods) {
            String node = pinnedNode(pod);
            assertThat(pod.getSpec().getNodeName())
                    .as("bound by the scheduler stand-in to the pinned node")
                    .isEqualTo(node);
            assertThat(pod.getMetadata().getAnnotations()).containsEntry(ApiGroup.ANNOTATION_NODE, node);
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry(ApiGroup.LABEL_APP, "jokes")
                    .containsEntry(ApiGroup.LABEL_POOL, "default")
                    .containsEntry(ApiGroup.LABEL_REVISION, "1")
                    .containsKey(ApiGroup.LABEL_INSTANCE)
                    .containsEntry(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY);
            var resources = pod.getSpec().getContainers().get(0).getResources();
            assertThat(resources.getRequests()).isEqualTo(resources.getLimits());
            assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getHostPort())
                    .isBetween(1, 65535);
        }
        DataCenterApp app = get("place", "jokes");
        assertThat(app.getStatus().getInstances().getReady()).isEqualTo(3);
        assertThat(app.getStatus().getInstances().getTotal()).isEqualTo(3);
        assertThat(app.getStatus().getRevision()).isEqualTo(1L);
        assertThat(app.getStatus().getDeployment().getPhase()).isEqualTo(DeploymentPhase.Complete);
        assertThat(app.getStatus().getPending()).isNull();
        assertThat(condition(app, ConditionReasons.PROGRESSING).getStatus()).isEqualTo("False");
        Service service =
                client.services().inNamespace("place").withName("jokes").get();
        assertThat(service.getSpec().getSelector()).containsEntry(ApiGroup.LABEL_APP, "jokes");
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        assertThat(client.apps()
                        .controllerRevisions()
                        .inNamespace("place")
                        .list()
                        .getItems())
                .hasSize(1);
    }

    @Test
    void aBurstOfInstancesWritesTheAppStatusAFewTimesNotOncePerInstanceAndTheLastCountsAreWritten() {
        int instances = 30;
        List<String> statuses = new CopyOnWriteArrayList<>();
        Watch watch = client.resources(DataCenterApp.class)
                .inNamespace("burst")
                .withName("many")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, DataCenterApp app) {
                        String status = client.getKubernetesSerialization().asJson(app.getStatus());
                        if (statuses.isEmpty()
                                || !statuses.get(statuses.size() - 1).equals(status)) {
                            statuses.add(status); // nothing but the operator's status writes changes this app
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
        try {
            create("burst", "many", spec -> {
                spec.setInstances(instances);
                spec.getResources().setCpus(new Quantity("10m")); // room left for the other tests' apps
                spec.getResources().setMem(new Quantity("16Mi"));
            });
            awaitReadyWith("burst", "many", instances);
            // each instance changes the counts as it is created, runs and turns ready: about two writes per
            // instance before the pacing (datacenter.status.min-interval)
            assertThat(statuses.size())
                    .as("status writes for %d instances: %s", instances, statuses)
                    .isLessThanOrEqualTo(instances / 2);

            // a scale-down changes only the counts once the spec's generation is observed: the last counts are
            // written when the interval ends, though nothing else happens after the last pod is gone
            editSpec("burst", "many", spec -> spec.setInstances(instances - 5));
            await(
                    "the status counts " + (instances - 5) + " instances",
                    Duration.ofSeconds(60),
                    () -> pods("burst", "many").size() == instances - 5
                            && get("burst", "many").getStatus().getInstances().getTotal() == instances - 5
                            && get("burst", "many").getStatus().getInstances().getReady() == instances - 5);
        } finally {
            watch.close();
            client.resources(DataCenterApp.class)
                    .inNamespace("burst")
                    .withName("many")
                    .delete();
        }
    }

    @Test
    void groupAndOwnLabelsReachTheAppItsPodsAndServiceAndALabelChangeRestartsNothing() {
        DataCenterApp app = TestObjects.app("groups", "web", spec -> {
            spec.setInstances(2);
            spec.setGroup("/prod/web");
            PortSpec http = new PortSpec();
            http.setName("http");
            http.setContainerPort(8080);
            spec.setPorts(List.of(http));
        });
        app.getMetadata()
                .setLabels(Map.of(
                        "team",
                        "checkout",
                        ApiGroup.LABEL_APP,
                        "not-this",
                        ApiGroup.LABEL_MANAGED_BY,
                        "someone-else",
                        "app.kubernetes.io/instance",
                        "argocd-app"));
        client.resource(app).create();
        awaitReady("groups", "web");

        // kubectl get dca -l datacenter.dev/group=prod.web
        await(
                "the app carries its group label",
                () -> client.resources(DataCenterApp.class)
                                .inNamespace("groups")
                                .withLabel(ApiGroup.LABEL_GROUP, "prod.web")
                                .list()
                                .getItems()
                                .size()
                        == 1);
        assertThat(get("groups", "web").getMetadata().getGeneration())
                .as("a metadata write, not a spec write")
                .isEqualTo(1L);
        Set<String> before = uids(pods("groups", "web"));
        for (Pod pod : pods("groups", "web")) {
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("team", "checkout")
                    .containsEntry(ApiGroup.LABEL_APP, "web")
                    .containsEntry(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY)
                    .containsEntry(ApiGroup.LABEL_GROUP, "prod.web")
                    .doesNotContainKey("app.kubernetes.io/instance");
        }
        assertThat(client.services()
                        .inNamespace("groups")
                        .withName("web")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry("team", "checkout")
                .containsEntry(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY);

        client.resources(DataCenterApp.class)
                .inNamespace("groups")
                .withName("web")
                .edit(a -> {
                    Map<String, String> labels = new HashMap<>(a.getMetadata().getLabels());
                    labels.remove("team");
                    labels.put("tier", "frontend");
                    a.getMetadata().setLabels(labels);
                    return a;
                });
        await(
                "the running pods are relabelled in place",
                () -> pods("groups", "web").stream()
                        .allMatch(p ->
                                "frontend".equals(p.getMetadata().getLabels().get("tier"))
                                        && !p.getMetadata().getLabels().containsKey("team")));
        await(
                "the Service is relabelled",
                () -> "frontend"
                        .equals(client.services()
                                .inNamespace("groups")
                                .withName("web")
                                .get()
                                .getMetadata()
                                .getLabels()
                                .get("tier")));
        assertThat(uids(pods("groups", "web"))).as("no instance restarted").isEqualTo(before);
        assertThat(get("groups", "web").getStatus().getRevision()).isEqualTo(1L);
    }

    @Test
    void scalesUpAndDownKeepingTheOldestAndADeletedInstanceComesBack() {
        create("scale", "api", spec -> spec.setInstances(2));
        awaitReady("scale", "api");
        Set<String> firstTwo = names(pods("scale", "api"));

        editSpec("scale", "api", spec -> spec.setInstances(4));
        awaitReadyWith("scale", "api", 4);
        assertThat(names(pods("scale", "api"))).containsAll(firstTwo);

        // kubectl scale writes spec.instances through the scale subresource (the sandbox's API serves it; this
        // in-process server would write spec.replicas instead), so the same field is edited here
        editSpec("scale", "api", spec -> spec.setInstances(2));
        await("scaled down to 2", () -> pods("scale", "api").size() == 2 && readyReason("scale", "api"));
        assertThat(names(pods("scale", "api")))
                .as("scale-down stops the youngest (YoungestFirst)")
                .isEqualTo(firstTwo);
        // status counts are paced (datacenter.status.min-interval): Ready stays True while the count catches up
        await(
                "status counts 2 instances",
                () -> get("scale", "api").getStatus().getInstances().getTotal() == 2);

        Pod victim = pods("scale", "api").get(0);
        client.resource(victim).delete();
        await("the deleted instance came back", () -> {
            List<Pod> now = pods("scale", "api");
            return now.size() == 2
                    && now.stream()
                            .noneMatch(p -> p.getMetadata()
                                    .getUid()
                                    .equals(victim.getMetadata().getUid()))
                    && now.stream().allMatch(AppLifecycleMockTest::ready);
        });
        assertThat(ordinals(pods("scale", "api"))).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void failingInstancesBackOffWithGrowingDelays() {
        create("crash", "flaky", spec -> {
            spec.setInstances(1);
            Backoff backoff = new Backoff();
            backoff.setSeconds(1.0);
            backoff.setFactor(2.0);
            backoff.setMaxLaunchDelaySeconds(60.0);
            spec.setBackoff(backoff);
        });
        awaitReady("crash", "flaky");

        List<Double> delays = new ArrayList<>();
        for (int failure = 1; failure <= 3; failure++) {
            Pod pod = awaitOneReadyPod("crash", "flaky");
            fail(pod);
            await("backoff after failure", Duration.ofSeconds(20), () -> {
                DataCenterApp app = get("crash", "flaky");
                return app.getStatus().getDelay() != null
                        && app.getStatus().getLastTaskFailure() != null
                        && pods("crash", "flaky").stream()
                                .noneMatch(p -> p.getMetadata()
                                        .getName()
                                        .equals(pod.getMetadata().getName()))
                        && (delays.isEmpty()
                                || app.getStatus().getDelay().getCurrentSeconds() > delays.get(delays.size() - 1));
            });
            DataCenterApp app = get("crash", "flaky");
            delays.add(app.getStatus().getDelay().getCurrentSeconds());
            assertThat(condition(app, ConditionReasons.READY).getReason()).isEqualTo(ConditionReasons.BACKING_OFF);
            assertThat(app.getStatus().getLastTaskFailure().getReason()).isEqualTo("Error");
            assertThat(app.getStatus().getLastTaskFailure().getInstance()).isEqualTo("flaky-0");
        }
        assertThat(delays).containsExactly(1.0, 2.0, 4.0);
        awaitReady("crash", "flaky");
        assertThat(get("crash", "flaky").getStatus().getDelay()).isNull();
    }

    @Test
    void rollingUpgradeKeepsTheBoundsAtEveryStepAndRollbackRestoresTheOldImage() {
        create("roll", "web", spec -> {
            spec.setInstances(4);
            UpgradeStrategy strategy = new UpgradeStrategy();
            strategy.setMinimumHealthCapacity(0.5);
            strategy.setMaximumOverCapacity(0.25);
            spec.setUpgradeStrategy(strategy);
        });
        awaitReadyWith("roll", "web", 4);

        Bounds bounds = watchBounds("roll", "web");
        try {
            editSpec("roll", "web", spec -> spec.getContainer().setImage("example/web:2.0"));
            awaitRolledOut("roll", "web", "example/web:2.0", 2L);
            assertThat(bounds.steps).as("pod events seen during the rollout").isNotEmpty();
            assertThat(bounds.maxPods())
                    .as("never more than 4 + floor(0.25 x 4) pods")
                    .isLessThanOrEqualTo(5);
            assertThat(bounds.minReady())
                    .as("never fewer than ceil(0.5 x 4) ready")
                    .isGreaterThanOrEqualTo(2);

            bounds.reset();
            client.resources(DataCenterApp.class)
                    .inNamespace("roll")
                    .withName("web")
                    .edit(app -> {
                        app.getMetadata().setAnnotations(new HashMap<>(Map.of(ApiGroup.ANNOTATION_ROLLBACK_TO, "1")));
                        return app;
                    });
            awaitRolledOut("roll", "web", "example/web:1.0", 3L);
            DataCenterApp app = get("roll", "web");
            assertThat(app.getSpec().getContainer().getImage()).isEqualTo("example/web:1.0");
            assertThat(app.getSpec().getInstances()).isEqualTo(4);
            assertThat(app.getMetadata().getAnnotations()).doesNotContainKey(ApiGroup.ANNOTATION_ROLLBACK_TO);
            assertThat(bounds.maxPods()).isLessThanOrEqualTo(5);
            assertThat(bounds.minReady()).isGreaterThanOrEqualTo(2);

            bounds.reset();
            Set<String> before = names(pods("roll", "web"));
            client.resources(DataCenterApp.class)
                    .inNamespace("roll")
                    .withName("web")
                    .edit(a -> {
                        a.getMetadata().getAnnotations().put(ApiGroup.ANNOTATION_RESTART, "2026-11-25T10:00");
                        return a;
                    });
            awaitRolledOut("roll", "web", "example/web:1.0", 4L);
            await(
                    "the restart annotation removed once done",
                    () -> get("roll", "web").getMetadata().getAnnotations() == null
                            || !get("roll", "web")
                                    .getMetadata()
                                    .getAnnotations()
                                    .containsKey(ApiGroup.ANNOTATION_RESTART));
            assertThat(names(pods("roll", "web")))
                    .as("every instance restarted")
                    .doesNotContainAnyElementsOf(before);
            assertThat(bounds.maxPods()).isLessThanOrEqualTo(5);
            assertThat(bounds.minReady()).isGreaterThanOrEqualTo(2);
        } finally {
            bounds.close();
        }
    }

    @Test
    void dependenciesGatePlacementUntilTheyAreReady() {
        create("deps", "db", spec -> {
            spec.setInstances(1);
            spec.getResources().setCpus(new Quantity("64"));
        });
        create("deps", "webapp", spec -> {
            spec.setInstances(2);
            spec.setDependencies(List.of("db"));
        });
        await("webapp waits for db", () -> ConditionReasons.WAITING_FOR_DEPENDENCIES.equals(reason("deps", "webapp")));
        assertThat(pods("deps", "webapp")).isEmpty();
        assertThat(get("deps", "webapp").getStatus().getDeployment().getPhase())
                .isEqualTo(DeploymentPhase.WaitingForDependencies);

        editSpec("deps", "db", spec -> spec.getResources().setCpus(new Quantity("500m")));
        awaitReady("deps", "db");
        awaitReadyWith("deps", "webapp", 2);
    }

    @Test
    void anUnplaceableAppSaysWhyOnItsStatus() {
        create("why", "huge", spec -> {
            spec.setInstances(2);
            spec.getResources().setCpus(new Quantity("16"));
        });
        await("pending reasons on status", () -> {
            DataCenterApp app = get("why", "huge");
            return app.getStatus() != null
                    && app.getStatus().getPending() != null
                    && app.getStatus().getPending().getReasons() != null
                    && !app.getStatus().getPending().getReasons().isEmpty();
        });
        DataCenterApp app = get("why", "huge");
        assertThat(app.getStatus().getPending().getCount()).isEqualTo(2);
        assertThat(app.getStatus().getPending().getReasons()).anySatisfy(r -> {
            assertThat(r.getReason()).isEqualTo(PendingReason.InsufficientCpus);
            assertThat(r.getNodes()).isEqualTo(LifecycleCluster.NODES);
        });
        Condition ready = condition(app, ConditionReasons.READY);
        assertThat(ready.getReason()).isEqualTo(ConditionReasons.WAITING_FOR_OFFERS);
        assertThat(ready.getMessage()).contains("InsufficientCpus");
        assertThat(pods("why", "huge")).isEmpty();
        await("a decline summary event", () -> !events("why", "Unplaceable").isEmpty());
        editSpec(
                "why",
                "huge",
                spec -> spec.setConstraints(
                        List.of(new Constraint("@hostname", ConstraintOperator.LIKE, "node-[12]"))));
        await(
                "the new summary on status",
                () -> get("why", "huge").getStatus().getPending().getReasons().stream()
                        .anyMatch(r -> r.getReason() == PendingReason.UnfulfilledConstraint
                                && r.getNodes() == LifecycleCluster.NODES - 2));
        assertThat(events("why", "Unplaceable"))
                .as("events are rate-limited, never one per cycle")
                .hasSize(1);
    }

    @Test
    void anInstanceOnALostNodeIsReplacedElsewhereThenExpunged() {
        create("loss", "lost", spec -> {
            spec.setInstances(1);
            dev.datacenter.operator.api.UnreachableStrategy unreachable =
                    new dev.datacenter.operator.api.UnreachableStrategy();
            unreachable.setInactiveAfterSeconds(1);
            unreachable.setExpungeAfterSeconds(3);
            spec.setUnreachableStrategy(unreachable);
        });
        Pod first = awaitOneReadyPod("loss", "lost");
        String node = first.getSpec().getNodeName();
        setNodeReady(node, false);
        try {
            await(
                    "a replacement on another node",
                    () -> pods("loss", "lost").stream()
                            .anyMatch(p -> ready(p)
                                    && !node.equals(p.getSpec().getNodeName())
                                    && "1".equals(p.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL))));
            await(
                    "the lost instance expunged",
                    () -> pods("loss", "lost").stream()
                            .noneMatch(p -> p.getMetadata()
                                    .getUid()
                                    .equals(first.getMetadata().getUid())));
            assertThat(pods("loss", "lost"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.getSpec().getNodeName()).isNotEqualTo(node));
        } finally {
            setNodeReady(node, true);
        }
        awaitReady("loss", "lost");
    }

    private void setNodeReady(String node, boolean ready) {
        client.nodes().withName(node).editStatus(n -> {
            n.getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType()))
                    .forEach(c -> {
                        c.setStatus(ready ? "True" : "False");
                        c.setLastTransitionTime(Conditions.timestamp(java.time.Instant.now()));
                    });
            return n;
        });
    }

    private List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    @Test
    void aFailedRollbackIsAlwaysReportedByEventAndOnStatusUntilTheSpecChanges() {
        create("norollback", "web", spec -> spec.setInstances(1));
        awaitReadyWith("norollback", "web", 1);

        annotate("norollback", "web", ApiGroup.ANNOTATION_ROLLBACK_TO, "7");
        await(
                "the failure is on status and the annotation removed",
                () -> rollbackFailure("norollback", "web") != null
                        && !get("norollback", "web")
                                .getMetadata()
                                .getAnnotations()
                                .containsKey(ApiGroup.ANNOTATION_ROLLBACK_TO));
        assertThat(rollbackFailure("norollback", "web").getMessage()).contains("\"7\"", "revisions: 1");
        await(
                "a RollbackFailed event",
                () -> events("norollback", "RollbackFailed").size() == 1);

        // a second failure within the event rate limit's interval (30 s) is reported all the same
        annotate("norollback", "web", ApiGroup.ANNOTATION_ROLLBACK_TO, "abc");
        await(
                "a second RollbackFailed event",
                () -> events("norollback", "RollbackFailed").size() == 2);
        await(
                "status shows the second failure",
                () -> rollbackFailure("norollback", "web") != null
                        && rollbackFailure("norollback", "web").getMessage().contains("not a revision number"));
        assertThat(get("norollback", "web").getSpec().getContainer().getImage())
                .as("nothing rolled back")
                .isEqualTo("example/web:1.0");

        // the report stays while it describes the spec; a spec change ends it
        editSpec("norollback", "web", spec -> spec.getContainer().setImage("example/web:2.0"));
        await("the failure is cleared by the spec change", () -> rollbackFailure("norollback", "web") == null);
    }

    private void annotate(String namespace, String name, String key, String value) {
        client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(app -> {
                    if (app.getMetadata().getAnnotations() == null) {
                        app.getMetadata().setAnnotations(new HashMap<>());
                    }
                    app.getMetadata().getAnnotations().put(key, value);
                    return app;
                });
    }

    /** The ActionFailed condition with reason RollbackFailed, or null. */
    private Condition rollbackFailure(String namespace, String name) {
        DataCenterApp app = get(namespace, name);
        return app.getStatus() == null
                ? null
                : Conditions.find(app.getStatus().getConditions(), "ActionFailed")
                        .filter(c -> "RollbackFailed".equals(c.getReason()) && "True".equals(c.getStatus()))
                        .orElse(null);
    }

    @Test
    void anUpgradeThatCannotProceedIsReportedAsDeadlocked() {
        // a pool of the two zone-a nodes: UNIQUE hostname with 2 instances leaves no spare node
        client.resource(TestObjects.pool(
                        "zone-a",
                        new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                                .addToMatchLabels("topology.kubernetes.io/zone", "a")
                                .build()))
                .create();
        create("lock", "unique", spec -> {
            spec.setPool("zone-a");
            spec.setInstances(2);
            spec.getResources().setCpus(new Quantity("100m"));
            spec.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.UNIQUE, null)));
            UpgradeStrategy strategy = new UpgradeStrategy();
            strategy.setMinimumHealthCapacity(1.0);
            strategy.setMaximumOverCapacity(1.0);
            spec.setUpgradeStrategy(strategy);
        });
        awaitReadyWith("lock", "unique", 2);

        editSpec("lock", "unique", spec -> spec.getContainer().setImage("example/unique:2.0"));

        await("Degraded UpgradeDeadlock", () -> {
            DataCenterApp app = get("lock", "unique");
            Condition degraded = condition(app, ConditionReasons.DEGRADED);
            return "True".equals(degraded.getStatus()) && ConditionReasons.DEADLOCKED.equals(degraded.getReason());
        });
        assertThat(condition(get("lock", "unique"), ConditionReasons.DEGRADED).getMessage())
                .contains("minimumHealthCapacity");
        assertThat(pods("lock", "unique"))
                .hasSize(2)
                .allMatch(AppLifecycleMockTest::ready)
                .allMatch(p -> "example/unique:1.0".equals(image(p)));
    }

    // ------------------------------------------------------------------ helpers

    /** Watches the app's pods and records, after every event, how many exist and how many are ready. */
    static final class Bounds implements Watcher<Pod>, AutoCloseable {
        final Map<String, Pod> pods = new ConcurrentHashMap<>();
        final List<int[]> steps = new CopyOnWriteArrayList<>();
        Watch watch;

        @Override
        public synchronized void eventReceived(Action action, Pod pod) {
            if (action == Action.DELETED) {
                pods.remove(pod.getMetadata().getName());
            } else {
                pods.put(pod.getMetadata().getName(), pod);
            }
            int ready = (int)
                    pods.values().stream().filter(AppLifecycleMockTest::ready).count();
            steps.add(new int[] {pods.size(), ready});
        }

        @Override
        public void onClose(WatcherException cause) {}

        int maxPods() {
            return steps.stream().mapToInt(s -> s[0]).max().orElse(0);
        }

        int minReady() {
            return steps.stream().mapToInt(s -> s[1]).min().orElse(Integer.MAX_VALUE);
        }

        void reset() {
            steps.clear();
        }

        @Override
        public void close() {
            watch.close();
        }
    }

    private Bounds watchBounds(String namespace, String app) {
        Bounds bounds = new Bounds();
        pods(namespace, app).forEach(p -> bounds.pods.put(p.getMetadata().getName(), p));
        bounds.watch = client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .watch(bounds);
        bounds.reset();
        return bounds;
    }

    private void awaitRolledOut(String namespace, String name, String image, long revision) {
        await(name + " rolled out to " + image, Duration.ofSeconds(60), () -> {
            List<Pod> pods = pods(namespace, name);
            DataCenterApp app = get(namespace, name);
            return pods.size() == 4
                    && pods.stream().allMatch(p -> ready(p) && image.equals(image(p)))
                    && app.getStatus().getRevision() == revision
                    && app.getStatus().getDeployment().getPhase() == DeploymentPhase.Complete;
        });
    }

    private void fail(Pod pod) {
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .editStatus(p -> {
                    p.getStatus().setPhase("Failed");
                    p.getStatus().getContainerStatuses().forEach(c -> {
                        c.setReady(false);
                        c.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                .withNewTerminated()
                                .withExitCode(1)
                                .withReason("Error")
                                .withMessage("crashed")
                                .endTerminated()
                                .build());
                    });
                    return p;
                });
    }

    private Pod awaitOneReadyPod(String namespace, String name) {
        try {
            await("one ready pod", Duration.ofSeconds(30), () -> {
                List<Pod> pods = pods(namespace, name);
                return pods.size() == 1 && ready(pods.get(0));
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; status "
                            + client.getKubernetesSerialization()
                                    .asJson(get(namespace, name).getStatus()) + "; pods "
                            + client.getKubernetesSerialization().asJson(pods(namespace, name)),
                    e);
        }
        return pods(namespace, name).get(0);
    }

    private void create(String namespace, String name, Consumer<DataCenterAppSpec> customize) {
        client.resource(TestObjects.app(namespace, name, customize)).create();
    }

    private void editSpec(String namespace, String name, Consumer<DataCenterAppSpec> change) {
        Conflicts.retrying(() -> client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(app -> {
                    change.accept(app.getSpec());
                    return app;
                }));
    }

    private DataCenterApp get(String namespace, String name) {
        return client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .list()
                .getItems();
    }

    private void awaitReady(String namespace, String name) {
        await(namespace + "/" + name + " AllInstancesReady", () -> readyReason(namespace, name));
    }

    private void awaitReadyWith(String namespace, String name, int instances) {
        try {
            await(
                    namespace + "/" + name + " " + instances + " ready",
                    () -> readyReason(namespace, name)
                            && get(namespace, name).getStatus().getInstances().getReady() == instances
                            && pods(namespace, name).size() == instances);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; status "
                            + client.getKubernetesSerialization()
                                    .asJson(get(namespace, name).getStatus()) + "; pods "
                            + pods(namespace, name).stream()
                                    .map(p -> p.getMetadata().getName() + "@"
                                            + p.getSpec().getNodeName() + ":" + ready(p))
                                    .toList(),
                    e);
        }
    }

    private boolean readyReason(String namespace, String name) {
        return ConditionReasons.ALL_INSTANCES_READY.equals(reason(namespace, name));
    }

    private String reason(String namespace, String name) {
        DataCenterApp app = get(namespace, name);
        return app.getStatus() == null
                ? null
                : Conditions.find(app.getStatus().getConditions(), ConditionReasons.READY)
                        .map(Condition::getReason)
                        .orElse(null);
    }

    private static Condition condition(DataCenterApp app, String type) {
        return Conditions.find(app.getStatus().getConditions(), type)
                .orElseThrow(() -> new AssertionError("no " + type));
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }

    private static String pinnedNode(Pod pod) {
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
        });
        return fields.get(0).getValues().get(0);
    }

    private static Set<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static List<String> ordinals(List<Pod> pods) {
        return pods.stream()
                .map(p -> p.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL))
                .toList();
    }
}
