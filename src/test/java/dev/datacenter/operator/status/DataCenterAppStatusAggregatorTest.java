package dev.datacenter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.DeploymentPhase;
import dev.datacenter.operator.api.DeploymentStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataCenterAppStatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T09:05:00Z");

    private final DataCenterAppStatusAggregator aggregator = new DataCenterAppStatusAggregator();

    @Test
    void aMissingPoolGivesReadyFalsePoolNotFoundOnEveryConditionWithItsMessage() {
        DataCenterApp app = app(3L, "web", 2);
        SpecProblem problem = new SpecProblem(ConditionReasons.POOL_NOT_FOUND, "ResourcePool web not found");

        DataCenterAppStatus status =
                aggregator.aggregate(app, new AppObservation(Optional.of(problem), List.of(), 0), T0);

        assertThat(condition(status, ConditionReasons.READY))
                .extracting(
                        Condition::getStatus,
                        Condition::getReason,
                        Condition::getMessage,
                        Condition::getObservedGeneration)
                .containsExactly("False", "PoolNotFound", "ResourcePool web not found", 3L);
        assertThat(condition(status, ConditionReasons.PROGRESSING).getStatus()).isEqualTo("False");
        assertThat(condition(status, ConditionReasons.DEGRADED))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "PoolNotFound");
    }

    @Test
    void aValidAppWaitsForOffersWhilePlacementIsNotWired() {
        DataCenterAppStatus status = aggregator.aggregate(app(1L, null, 2), valid(0), T0);

        assertThat(condition(status, ConditionReasons.READY))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "WaitingForOffers");
        assertThat(condition(status, ConditionReasons.READY).getMessage()).contains("pool default", "0 of 2");
        assertThat(condition(status, ConditionReasons.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionReasons.DEGRADED))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "Healthy");
    }

    @Test
    void dependenciesNotReadyAreWaitedFor() {
        DataCenterAppStatus status = aggregator.aggregate(
                app(1L, null, 1), new AppObservation(Optional.empty(), List.of("postgres", "cache"), 0), T0);

        assertThat(condition(status, ConditionReasons.READY).getReason()).isEqualTo("WaitingForDependencies");
        assertThat(condition(status, ConditionReasons.READY).getMessage()).endsWith("postgres, cache");
    }

    @Test
    void anAppScaledToZeroIsReady() {
        DataCenterAppStatus status = aggregator.aggregate(app(1L, null, 0), valid(0), T0);

        assertThat(condition(status, ConditionReasons.READY))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "ScaledToZero");
    }

    @Test
    void writesObservedGenerationSelectorGroupAndTotal() {
        DataCenterApp app = app(7L, null, 3);
        app.getSpec().setGroup("/demo/frontend");

        DataCenterAppStatus status = aggregator.aggregate(app, valid(2), T0);

        assertThat(status.getObservedGeneration()).isEqualTo(7L);
        assertThat(status.getSelector()).isEqualTo("datacenter.dev/app=jokes");
        assertThat(status.getGroup()).isEqualTo("/demo/frontend");
        assertThat(status.getInstances().getTotal()).isEqualTo(2);
        assertThat(status.getConditions())
                .extracting(Condition::getType)
                .containsExactly("Ready", "Progressing", "Degraded");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(7L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-25T09:00:00Z");
        });
    }

    @Test
    void lastTransitionTimeIsKeptWhenAConditionsStatusDidNotChange() {
        DataCenterApp app = app(1L, "web", 1);
        SpecProblem poolMissing = new SpecProblem(ConditionReasons.POOL_NOT_FOUND, "ResourcePool web not found");
        app.setStatus(aggregator.aggregate(app, new AppObservation(Optional.of(poolMissing), List.of(), 0), T0));

        DataCenterAppStatus later = aggregator.aggregate(app, valid(0), T1);

        Condition ready = condition(later, ConditionReasons.READY);
        assertThat(ready.getReason()).isEqualTo("WaitingForOffers");
        assertThat(ready.getLastTransitionTime())
                .as("still False: the transition happened at T0")
                .isEqualTo("2026-11-25T09:00:00Z");
        assertThat(condition(later, ConditionReasons.DEGRADED).getLastTransitionTime())
                .as("True became False at T1")
                .isEqualTo("2026-11-25T09:05:00Z");
        assertThat(condition(later, ConditionReasons.PROGRESSING).getLastTransitionTime())
                .isEqualTo("2026-11-25T09:05:00Z");
    }

    @Test
    void aggregatingTheSameInputTwiceGivesAnEqualStatusSoNothingIsWritten() {
        DataCenterApp app = app(4L, null, 2);
        app.setStatus(aggregator.aggregate(app, valid(0), T0));

        DataCenterAppStatus again = aggregator.aggregate(app, valid(0), T1);

        assertThat(again).usingRecursiveComparison().isEqualTo(app.getStatus());
    }

    @Test
    void aNewGenerationIsObservedOnTheStatusAndEveryCondition() {
        DataCenterApp app = app(1L, null, 2);
        app.setStatus(aggregator.aggregate(app, valid(0), T0));
        app.getMetadata().setGeneration(2L);

        DataCenterAppStatus status = aggregator.aggregate(app, valid(0), T1);

        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        assertThat(status.getConditions())
                .extracting(Condition::getObservedGeneration)
                .containsOnly(2L);
        assertThat(condition(status, ConditionReasons.READY).getLastTransitionTime())
                .isEqualTo("2026-11-25T09:00:00Z");
    }

    @Test
    void fieldsOwnedByTheDeploymentLifecycleAreKeptAndTheInputIsNotModified() {
        DataCenterApp app = app(1L, null, 1);
        DataCenterAppStatus previous = new DataCenterAppStatus();
        previous.setRevision(3L);
        DeploymentStatus deployment = new DeploymentStatus();
        deployment.setPhase(DeploymentPhase.Deploying);
        previous.setDeployment(deployment);
        app.setStatus(previous);

        DataCenterAppStatus status = aggregator.aggregate(app, valid(0), T0);

        assertThat(status.getRevision()).isEqualTo(3L);
        assertThat(status.getDeployment().getPhase()).isEqualTo(DeploymentPhase.Deploying);
        assertThat(previous.getConditions()).isEmpty();
        assertThat(previous.getObservedGeneration()).isNull();
    }

    private static AppObservation valid(int instances) {
        return new AppObservation(Optional.empty(), List.of(), instances);
    }

    private static Condition condition(DataCenterAppStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow();
    }

    private static DataCenterApp app(long generation, String pool, int instances) {
        DataCenterApp app = new DataCenterApp();
        app.setMetadata(new ObjectMetaBuilder()
                .withName("jokes")
                .withNamespace("demo")
                .withGeneration(generation)
                .build());
        DataCenterAppSpec spec = new DataCenterAppSpec();
        spec.setPool(pool);
        spec.setInstances(instances);
        app.setSpec(spec);
        return app;
    }
}
