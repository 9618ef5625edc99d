package dev.datacenter.operator.pool;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.RegisterCrds;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ResourcePool reconciler against the in-process API server: NoNodes until a node matches. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class ResourcePoolReconcilerMockTest {

    @Inject
    KubernetesClient client;

    @Test
    void aPoolMatchingNoNodeIsNotReadyUntilAMatchingNodeJoins() {
        client.resource(TestObjects.pool(
                        "gpu",
                        new LabelSelectorBuilder()
                                .addToMatchLabels("accelerator", "gpu")
                                .build()))
                .create();
        client.resource(TestObjects.node("cpu-1", Map.of("accelerator", "none")))
                .create();

        Condition noNodes = awaitReady("gpu", ConditionReasons.NO_NODES);
        assertThat(noNodes.getStatus()).isEqualTo("False");
        ResourcePool pool = get("gpu");
        assertThat(pool.getStatus().getObservedGeneration())
                .isEqualTo(pool.getMetadata().getGeneration());
        assertThat(pool.getStatus().getNodes()).isZero();

        client.resource(TestObjects.node("gpu-1", Map.of("accelerator", "gpu"))).create();

        assertThat(awaitReady("gpu", ConditionReasons.POOL_READY).getStatus()).isEqualTo("True");
        // status.nodes counts the schedulable nodes of the allocation loop's next cycle
        await(
                "pool gpu counts its node",
                () -> Integer.valueOf(1).equals(get("gpu").getStatus().getNodes()));
    }

    @Test
    void matchExpressionsAreEvaluatedInMemory() {
        // the in-process API server ignores set-based selectors; the operator must not rely on them
        client.resource(TestObjects.node("rack9-1", Map.of("rack", "r9"))).create();
        client.resource(TestObjects.pool(
                        "not-r9",
                        new LabelSelectorBuilder()
                                .addNewMatchExpression()
                                .withKey("rack")
                                .withOperator("In")
                                .withValues("r7", "r8")
                                .endMatchExpression()
                                .build()))
                .create();

        awaitReady("not-r9", ConditionReasons.NO_NODES);

        client.resource(TestObjects.node("rack8-1", Map.of("rack", "r8"))).create();
        awaitReady("not-r9", ConditionReasons.POOL_READY);
        await(
                "pool not-r9 counts its node",
                () -> Integer.valueOf(1).equals(get("not-r9").getStatus().getNodes()));
    }

    @Test
    void anInvalidSelectorIsReportedAndTheOperatorCarriesOn() {
        client.resource(TestObjects.pool(
                        "bad-selector",
                        new LabelSelectorBuilder()
                                .addNewMatchExpression()
                                .withKey("rack")
                                .withOperator("Like")
                                .withValues("r1")
                                .endMatchExpression()
                                .build()))
                .create();

        assertThat(awaitReady("bad-selector", ConditionReasons.INVALID).getMessage())
                .contains("unknown operator Like");
    }

    private ResourcePool get(String name) {
        return client.resources(ResourcePool.class).withName(name).get();
    }

    private Condition awaitReady(String name, String reason) {
        await(name + " Ready reason " + reason, () -> {
            ResourcePool pool = get(name);
            return pool.getStatus() != null
                    && Conditions.find(pool.getStatus().getConditions(), ConditionReasons.READY)
                            .map(c -> reason.equals(c.getReason()))
                            .orElse(false);
        });
        return Conditions.find(get(name).getStatus().getConditions(), ConditionReasons.READY)
                .orElseThrow();
    }
}
