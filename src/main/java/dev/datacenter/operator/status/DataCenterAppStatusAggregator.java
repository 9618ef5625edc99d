package dev.datacenter.operator.status;

import static dev.datacenter.operator.api.ConditionReasons.DEGRADED;
import static dev.datacenter.operator.api.ConditionReasons.PROGRESSING;
import static dev.datacenter.operator.api.ConditionReasons.READY;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.DeploymentPhase;
import dev.datacenter.operator.api.DeploymentStatus;
import dev.datacenter.operator.api.InstanceCounts;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * The status a DataCenterApp should have, from the app and what the reconciler observed. Pure: the
 * app is never modified. Conditions: Ready, Progressing, Degraded, in that order; then {@code ActionFailed}
 * while a refused rollback-to still describes the current spec ({@link ActionFailures}).
 */
public final class DataCenterAppStatusAggregator {

    public DataCenterAppStatus aggregate(DataCenterApp app, AppObservation observed, Instant now) {
        DataCenterAppStatus previous = app.getStatus() == null ? new DataCenterAppStatus() : app.getStatus();
        DataCenterAppStatus status = carryOver(previous);
        Long generation = app.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setSelector(dev.datacenter.operator.model.Labels.appSelectorString(
                app.getMetadata().getName()));
        status.setGroup(app.getSpec() == null ? null : app.getSpec().getGroup());
        status.setInstances(instances(previous, observed.instances()));
        if (observed.lifecycle() != null && observed.problem().isEmpty()) {
            lifecycle(status, observed);
        }
        List<Condition> desired = new java.util.ArrayList<>(conditions(app, observed, generation, now));
        ActionFailures.carried(previous.getConditions(), generation).ifPresent(desired::add);
        status.setConditions(Conditions.keepTransitionTimes(previous.getConditions(), desired));
        return status;
    }

    private static List<Condition> conditions(
            DataCenterApp app, AppObservation observed, Long generation, Instant now) {
        if (observed.problem().isPresent()) {
            SpecProblem problem = observed.problem().get();
            return List.of(
                    Conditions.of(READY, false, problem.reason(), problem.message(), generation, now),
                    Conditions.of(PROGRESSING, false, problem.reason(), problem.message(), generation, now),
                    Conditions.of(DEGRADED, true, problem.reason(), problem.message(), generation, now));
        }
        if (!observed.dependenciesNotReady().isEmpty()) {
            String message =
                    "waiting for dependencies to become Ready: " + String.join(", ", observed.dependenciesNotReady());
            return progressing(ConditionReasons.WAITING_FOR_DEPENDENCIES, message, generation, now);
        }
        if (observed.lifecycle() != null) {
            return LifecycleConditions.of(observed.lifecycle(), poolName(app), generation, now);
        }
        int wanted = wantedInstances(app);
        if (wanted == 0 && observed.instances() == 0) {
            return List.of(
                    Conditions.of(
                            READY, true, ConditionReasons.SCALED_TO_ZERO, "scaled to 0 instances", generation, now),
                    Conditions.of(
                            PROGRESSING,
                            false,
                            ConditionReasons.DEPLOYMENT_COMPLETE,
                            "no instances to deploy",
                            generation,
                            now),
                    healthy(generation, now));
        }
        String message = String.format(
                "waiting for offers in pool %s: %d of %d instances placed",
                poolName(app), observed.instances(), wanted);
        return progressing(ConditionReasons.WAITING_FOR_OFFERS, message, generation, now);
    }

    private static List<Condition> progressing(String reason, String message, Long generation, Instant now) {
        return List.of(
                Conditions.of(READY, false, reason, message, generation, now),
                Conditions.of(PROGRESSING, true, reason, message, generation, now),
                healthy(generation, now));
    }

    private static Condition healthy(Long generation, Instant now) {
        return Conditions.of(DEGRADED, false, ConditionReasons.HEALTHY, "no problems found", generation, now);
    }

    /** The instance figures, pending reasons, delay, newest failure and rollout the lifecycle observed. */
    private static void lifecycle(DataCenterAppStatus status, AppObservation observed) {
        AppLifecycle l = observed.lifecycle();
        status.setInstances(l.counts());
        status.setRevision(l.revision());
        status.setPending(l.pendingCount() > 0 ? l.pending() : null);
        status.setDelay(l.delay());
        if (l.lastTaskFailure() != null) {
            status.setLastTaskFailure(l.lastTaskFailure());
        }
        DeploymentStatus deployment = new DeploymentStatus();
        deployment.setRevision(l.revision());
        if (!observed.dependenciesNotReady().isEmpty()) {
            deployment.setPhase(DeploymentPhase.WaitingForDependencies);
            deployment.setStep(
                    "waiting for dependencies to become Ready: " + String.join(", ", observed.dependenciesNotReady()));
        } else {
            deployment.setPhase(
                    l.rollout() == AppLifecycle.Rollout.COMPLETE
                            ? DeploymentPhase.Complete
                            : DeploymentPhase.Deploying);
            deployment.setStep(l.rolloutMessage());
        }
        status.setDeployment(deployment);
    }

    /** The fields this aggregator does not compute yet, kept as they were (the deployment lifecycle writes them). */
    private static DataCenterAppStatus carryOver(DataCenterAppStatus previous) {
        DataCenterAppStatus status = new DataCenterAppStatus();
        status.setRevision(previous.getRevision());
        status.setPending(previous.getPending());
        status.setDelay(previous.getDelay());
        status.setLaunchBackoff(previous.getLaunchBackoff());
        status.setLastTaskFailure(previous.getLastTaskFailure());
        status.setDeployment(previous.getDeployment());
        return status;
    }

    private static InstanceCounts instances(DataCenterAppStatus previous, int total) {
        InstanceCounts before = previous.getInstances();
        InstanceCounts counts = new InstanceCounts();
        if (before != null) {
            counts.setStaged(before.getStaged());
            counts.setRunning(before.getRunning());
            counts.setHealthy(before.getHealthy());
            counts.setReady(before.getReady());
            counts.setUnhealthy(before.getUnhealthy());
        }
        counts.setTotal(total);
        return counts;
    }

    private static int wantedInstances(DataCenterApp app) {
        Integer instances = app.getSpec() == null ? null : app.getSpec().getInstances();
        return instances == null ? 1 : instances;
    }

    private static String poolName(DataCenterApp app) {
        String pool = app.getSpec() == null ? null : app.getSpec().getPool();
        return pool == null || pool.isEmpty() ? ApiGroup.DEFAULT_POOL : pool;
    }
}
