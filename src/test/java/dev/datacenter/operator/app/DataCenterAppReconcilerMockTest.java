package dev.datacenter.operator.app;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.runtime.OperatorMetrics;
import dev.datacenter.operator.runtime.OperatorMetrics.Result;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import dev.datacenter.operator.runtime.ResourceKind;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.RegisterCrds;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The DataCenterApp reconciler end to end against the in-process API server: what a user reads back on status. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class DataCenterAppReconcilerMockTest {

    @Inject
    KubernetesClient client;

    @Inject
    OperatorMetrics metrics;

    @Inject
    ReconcileQueue queue;

    @Inject
    ClusterCache cache;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aMissingPoolIsReportedClearedOnceThePoolExistsAndReportedAgainWhenItIsDeleted() {
        create(TestObjects.app("pools", "jokes", spec -> spec.setPool("web")));

        Condition missing = awaitReady("pools", "jokes", ConditionReasons.POOL_NOT_FOUND);
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getMessage()).contains("web");
        DataCenterApp app = get("pools", "jokes");
        assertThat(app.getStatus().getObservedGeneration())
                .isEqualTo(app.getMetadata().getGeneration());
        assertThat(missing.getObservedGeneration()).isEqualTo(app.getMetadata().getGeneration());
        assertThat(app.getStatus().getSelector()).isEqualTo("datacenter.dev/app=jokes");
        assertThat(app.getStatus().getInstances().getTotal()).isZero();

        client.resource(TestObjects.pool("web", new LabelSelector())).create();

        Condition waiting = awaitReady("pools", "jokes", ConditionReasons.WAITING_FOR_OFFERS);
        assertThat(waiting.getStatus()).isEqualTo("False");
        assertThat(waiting.getLastTransitionTime()).as("Ready stayed False").isEqualTo(missing.getLastTransitionTime());
        assertThat(condition(get("pools", "jokes"), ConditionReasons.DEGRADED).getStatus())
                .isEqualTo("False");

        client.resources(ResourcePool.class).withName("web").delete();

        awaitReady("pools", "jokes", ConditionReasons.POOL_NOT_FOUND);
    }

    @Test
    void theDefaultPoolIsImpliedWithoutAResourcePoolObject() {
        create(TestObjects.app("implied", "api", spec -> spec.setPool(null)));

        awaitReady("implied", "api", ConditionReasons.WAITING_FOR_OFFERS);
    }

    @Test
    void aMissingClaimSetIsReportedThenClearedOnceTheSetExists() {
        create(TestObjects.app("claims", "db", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "pgdata")))));

        assertThat(awaitReady("claims", "db", ConditionReasons.CLAIM_SET_NOT_FOUND)
                        .getMessage())
                .contains("pgdata", "data");

        client.resource(TestObjects.claimSet("claims", "pgdata")).create();

        awaitReady("claims", "db", ConditionReasons.WAITING_FOR_OFFERS);
        await(
                "the claim set is Ready",
                () -> Optional.ofNullable(client.resources(PersistentVolumeClaimSet.class)
                                .inNamespace("claims")
                                .withName("pgdata")
                                .get()
                                .getStatus())
                        .map(s -> Conditions.isTrue(s.getConditions(), ConditionReasons.READY))
                        .orElse(false));
    }

    @Test
    void aDependencyOnAMissingAppIsReportedThenWaitedFor() {
        create(TestObjects.app("deps", "web", spec -> spec.setDependencies(List.of("postgres"))));

        assertThat(awaitReady("deps", "web", ConditionReasons.DEPENDENCY_NOT_FOUND)
                        .getMessage())
                .contains("postgres");

        create(TestObjects.app("deps", "postgres", spec -> {}));

        assertThat(awaitReady("deps", "web", ConditionReasons.WAITING_FOR_DEPENDENCIES)
                        .getMessage())
                .contains("postgres");
    }

    @Test
    void aDependencyCycleIsReportedOnEveryAppOfItAndClearedWhenBroken() {
        create(TestObjects.app("cycle", "a", spec -> spec.setDependencies(List.of("b"))));
        create(TestObjects.app("cycle", "b", spec -> spec.setDependencies(List.of("c"))));
        create(TestObjects.app("cycle", "c", spec -> spec.setDependencies(List.of("a"))));

        assertThat(awaitReady("cycle", "a", ConditionReasons.DEPENDENCY_CYCLE).getMessage())
                .endsWith("a -> b -> c -> a");
        awaitReady("cycle", "b", ConditionReasons.DEPENDENCY_CYCLE);
        awaitReady("cycle", "c", ConditionReasons.DEPENDENCY_CYCLE);

        client.resources(DataCenterApp.class).inNamespace("cycle").withName("c").edit(app -> {
            app.getSpec().setDependencies(null);
            return app;
        });

        awaitReady("cycle", "c", ConditionReasons.WAITING_FOR_OFFERS);
        awaitReady("cycle", "b", ConditionReasons.WAITING_FOR_DEPENDENCIES);
        awaitReady("cycle", "a", ConditionReasons.WAITING_FOR_DEPENDENCIES);
    }

    @Test
    void anInvalidRegexIsReportedAndTheFixIsObservedAtTheNewGeneration() {
        create(TestObjects.app(
                "regex",
                "racks",
                spec -> spec.setConstraints(List.of(
                        new Constraint("@hostname", ConstraintOperator.UNIQUE, null),
                        new Constraint("rack", ConstraintOperator.LIKE, "rack-[1-3")))));

        Condition invalid = awaitReady("regex", "racks", ConditionReasons.INVALID_CONSTRAINT);
        assertThat(invalid.getMessage()).contains("constraints[1]", "rack-[1-3", "Unclosed character class");

        DataCenterApp fixed = client.resources(DataCenterApp.class)
                .inNamespace("regex")
                .withName("racks")
                .edit(app -> {
                    app.getSpec().getConstraints().get(1).setValue("rack-[1-3]");
                    return app;
                });

        Condition waiting = awaitReady("regex", "racks", ConditionReasons.WAITING_FOR_OFFERS);
        assertThat(waiting.getObservedGeneration())
                .isEqualTo(fixed.getMetadata().getGeneration());
        assertThat(get("regex", "racks").getStatus().getObservedGeneration())
                .isEqualTo(fixed.getMetadata().getGeneration());
    }

    @Test
    void aHealthCheckOnAPortTheAppDoesNotHaveIsAnInvalidSpecAndNothingIsPlaced() {
        HealthCheck check = new HealthCheck();
        check.setProtocol(CheckProtocol.HTTP);
        check.setPortName("admin");
        check.setPath("/health");
        create(TestObjects.app("checks", "probe", spec -> spec.setHealthChecks(List.of(check))));

        Condition invalid = awaitReady("checks", "probe", ConditionReasons.INVALID_SPEC);
        assertThat(invalid.getMessage()).contains("healthChecks[0].portName admin names none of the app's ports");
        assertThat(client.pods().inNamespace("checks").list().getItems()).isEmpty();
    }

    @Test
    void anAppWithoutSpecIsReportedAndTheOperatorCarriesOn() {
        DataCenterApp broken = TestObjects.app("broken", "nospec", spec -> {});
        broken.setSpec(null);
        create(broken);
        create(TestObjects.app("broken", "fine", spec -> {}));

        awaitReady("broken", "nospec", ConditionReasons.INVALID_SPEC);
        awaitReady("broken", "fine", ConditionReasons.WAITING_FOR_OFFERS);
    }

    @Test
    void statusIsNotRewrittenWhenNothingChanged() throws InterruptedException {
        create(TestObjects.app("noop", "steady", spec -> {}));
        Condition before = awaitReady("noop", "steady", ConditionReasons.WAITING_FOR_OFFERS);
        // the informer's cache holds that status too (else a reconcile would rightly write it again)
        await(
                "the cache holds the written status",
                () -> cache.app("noop", "steady")
                        .map(app -> app.getMetadata()
                                .getResourceVersion()
                                .equals(get("noop", "steady").getMetadata().getResourceVersion()))
                        .orElse(false));
        recordedRequests(); // forget the requests so far

        // a label change wakes the reconciler without changing anything it reports, and so do explicit enqueues
        client.resources(DataCenterApp.class)
                .inNamespace("noop")
                .withName("steady")
                .edit(app -> {
                    app.getMetadata().setLabels(Map.of("team", "jokes"));
                    return app;
                });
        double reconciles = metrics.reconciles(ResourceKind.DATA_CENTER_APP, Result.SUCCESS);
        await("three more reconciles ran", () -> {
            queue.enqueue(ResourceKey.app("noop", "steady"));
            return metrics.reconciles(ResourceKind.DATA_CENTER_APP, Result.SUCCESS) >= reconciles + 3;
        });

        // (a real API server, like this one, keeps the resourceVersion on a no-op write: count the writes)
        assertThat(recordedRequests())
                .noneMatch(request -> request.endsWith("/namespaces/noop/datacenterapps/steady/status"));
        assertThat(condition(get("noop", "steady"), ConditionReasons.READY).getLastTransitionTime())
                .isEqualTo(before.getLastTransitionTime());
    }

    /** "METHOD path" of every request the API server received since the previous call. */
    private List<String> recordedRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    private void create(DataCenterApp app) {
        client.resource(app).create();
    }

    private DataCenterApp get(String namespace, String name) {
        return client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private Condition awaitReady(String namespace, String name, String reason) {
        await(namespace + "/" + name + " Ready reason " + reason, () -> {
            DataCenterApp app = get(namespace, name);
            return app.getStatus() != null
                    && reason.equals(condition(app, ConditionReasons.READY).getReason());
        });
        return condition(get(namespace, name), ConditionReasons.READY);
    }

    private static Condition condition(DataCenterApp app, String type) {
        return Conditions.find(app.getStatus().getConditions(), type)
                .orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }
}
