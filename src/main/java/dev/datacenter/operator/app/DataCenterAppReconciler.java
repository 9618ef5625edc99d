package dev.datacenter.operator.app;

import dev.datacenter.operator.allocation.AllocationLoop;
import dev.datacenter.operator.allocation.AppPlacement;
import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.LaunchBackoffStatus;
import dev.datacenter.operator.api.LaunchDelay;
import dev.datacenter.operator.api.TaskFailure;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.claims.AppClaims;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.model.LaunchBackoff;
import dev.datacenter.operator.model.RollingUpdatePlanner;
import dev.datacenter.operator.model.SpecDefaults;
import dev.datacenter.operator.placement.DisruptionBudget;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.Reconciler;
import dev.datacenter.operator.runtime.ResourceKey;
import dev.datacenter.operator.runtime.ResourceKind;
import dev.datacenter.operator.status.ActionFailures;
import dev.datacenter.operator.status.AppObservation;
import dev.datacenter.operator.status.DataCenterAppStatusAggregator;
import dev.datacenter.operator.status.SpecProblem;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reconciles a DataCenterApp, a chain of short steps: validate; apply a rollback-to; the current
 * revision; the instances (failures, node loss, scaling and rolling deployment as one
 * {@link InstancePlan}); hand what needs a node to the {@link AllocationLoop}; the Service; status.
 */
@ApplicationScoped
public class DataCenterAppReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(DataCenterAppReconciler.class);

    @Inject
    ClusterCache cache;

    @Inject
    DataCenterAppValidator validator;

    @Inject
    StatusWriter statusWriter;

    @Inject
    AllocationLoop loop;

    @Inject
    AppRevisions revisions;

    @Inject
    AppActions actions;

    @Inject
    InstanceFailures failures;

    @Inject
    InstanceDeleter deleter;

    @Inject
    DeletionExpectations expectations;

    @Inject
    LaunchBackoffs backoffs;

    @Inject
    RefusedPods refused;

    @Inject
    AppServiceApplier services;

    @Inject
    AppEvents events;

    @Inject
    ReconcileQueue queue;

    @Inject
    AppClaims claims;

    @Inject
    InstanceMetrics instanceMetrics;

    @Inject
    AppLabels labels;

    @ConfigProperty(name = "datacenter.status.min-interval", defaultValue = "5s")
    Duration statusInterval;

    private final DataCenterAppStatusAggregator aggregator = new DataCenterAppStatusAggregator();
    private volatile StatusPacing pacing;

    @Override
    public ResourceKind kind() {
        return ResourceKind.DATA_CENTER_APP;
    }

    @Override
    public void reconcile(ResourceKey key) {
        String appKey = EngineInputs.appKey(key.namespace(), key.name());
        Optional<DataCenterApp> found = cache.app(key.namespace(), key.name());
        if (found.isEmpty()) {
            forget(appKey);
            claims.forget(key.namespace(), key.name());
            actions.forget(key.namespace(), key.name());
            return;
        }
        DataCenterApp app = found.get();
        Optional<SpecProblem> problem = validator.firstProblem(app);
        if (problem.isPresent()) {
            loop.forget(appKey);
            events.record(
                    app,
                    AppEvents.WARNING,
                    problem.get().reason(),
                    problem.get().message());
            writeStatus(
                    app,
                    new AppObservation(
                            problem,
                            List.of(),
                            cache.podsOfApp(key.namespace(), key.name()).size()));
            return;
        }
        if (actions.rollback(app)) {
            return; // the spec was written back: the update wakes the next reconcile
        }
        Round round = new Round(app, appKey, Instant.now());
        backoffs.restore(appKey, app.getStatus()); // before failures count: a new leader goes on from the status
        observeInstances(round);
        round.revision =
                revisions.ensure(app, round.members.stream().map(Member::hash).collect(Collectors.toSet()));
        round.failure = failures.handle(app, appKey, round.members, round.revision.number(), round.now);
        holdLaunches(round);
        plan(round);
        if (LOG.isDebugEnabled()) {
            LOG.debugf(
                    "%s: members %s, in flight %s, delay %s, pending %s; stop %s, launch %s: %s %s",
                    appKey,
                    round.members.stream()
                            .map(m -> m.ordinal() + ":" + m.hash() + (m.state().ready() ? ":ready" : ":notready")
                                    + (m.terminating() ? ":terminating" : ""))
                            .toList(),
                    round.inFlight,
                    round.delay,
                    round.pending.orElse(null),
                    round.plan.stop(),
                    round.plan.launch(),
                    round.plan.step().outcome(),
                    round.plan.step().message());
        }
        round.plan.stop().forEach(name -> deleter.delete(appKey, round.pod(name)));
        AppClaims.Prepared prepared = claims.prepare(app, round.plan.launch());
        Set<Integer> launch = new java.util.TreeSet<>(round.plan.launch());
        launch.removeAll(prepared.blocked());
        loop.request(new AppPlacement(
                appKey,
                app,
                EngineInputs.app(app, prepared.pins(), refused.barred(appKey, round.now))
                        .withPreemptionTerms(priority(app), disruptionBudget(round)),
                launch,
                round.revision.number(),
                round.revision.hash(),
                prepared.claimNames(),
                round.taskEnds));
        services.apply(app);
        labels.apply(app, round.members);
        finishRestart(round);
        Optional<SpecProblem> conflict = claimConflict(app, prepared);
        writeStatus(
                app,
                new AppObservation(
                        conflict,
                        round.dependenciesNotReady,
                        round.total(),
                        AppStatusInputs.lifecycle(
                                app,
                                round.members,
                                round.plan,
                                round.revision.number(),
                                round.failure,
                                round.delay,
                                round.pending)),
                round.backoffStatus);
        requeueForTimers(round, key);
    }

    static int priority(DataCenterApp app) {
        Integer p = app.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    /**
     * How many of its instances preemption may take now without breaking the app's minimumHealthCapacity,
     * counting those not ready already.
     */
    static int disruptionBudget(Round round) {
        Integer instances = round.app.getSpec().getInstances();
        int ready = (int) round.members.stream().filter(m -> m.state().ready()).count();
        return DisruptionBudget.allowed(
                instances == null ? 1 : instances, SpecDefaults.minimumHealthCapacity(round.app.getSpec()), ready);
    }

    /** Everything one reconcile learns about the app, step by step. */
    private static final class Round {
        final DataCenterApp app;
        final String appKey;
        final Instant now;
        long taskEnds;
        Set<Integer> inFlight;
        List<Member> members;
        AppRevisions.Current revision;
        TaskFailure failure;
        List<String> dependenciesNotReady;
        LaunchBackoff backoff;
        LaunchDelay delay;
        Instant backoffUntil;
        Instant refusalRecheck;
        dev.datacenter.operator.api.LaunchBackoffStatus backoffStatus;
        Optional<PendingSummary> pending;
        InstancePlan plan;

        Round(DataCenterApp app, String appKey, Instant now) {
            this.app = app;
            this.appKey = appKey;
            this.now = now;
        }

        Pod pod(String name) {
            return members.stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .pod();
        }

        int total() {
            return (int) members.stream()
                    .filter(m -> m.counted() && !m.terminating())
                    .count();
        }
    }

    private void observeInstances(Round round) {
        round.taskEnds = loop.taskEnds(); // before the pods: a request says which task ends it was made knowing of
        round.inFlight =
                loop.inFlight(round.appKey); // before the pods: a placement is either in flight or in the cache
        String ns = round.app.getMetadata().getNamespace();
        List<Pod> pods = cache.podsOfApp(ns, round.app.getMetadata().getName());
        Set<String> uids = new HashSet<>();
        pods.forEach(p -> uids.add(p.getMetadata().getUid()));
        Set<String> deleted = expectations.pending(round.appKey, uids);
        RefusedPods.Released released = refused.release(round.app, round.appKey, pods, deleted, round.now);
        round.refusalRecheck = released.recheck();
        backoffs.retain(round.appKey, uids);
        // a released pod is no member, in this round and in every later one while the cache still shows it: not a
        // failure, and its ordinal is placed again at once (the engine waits for the old pod to go, and keeps the
        // ordinal off the node that refused it); counted as terminating, it would push the instance to the next
        // free ordinal, which no bar covers
        List<Pod> members = released.uids().isEmpty()
                ? pods
                : pods.stream()
                        .filter(p -> !released.uids().contains(p.getMetadata().getUid()))
                        .toList();
        round.members = AppInstances.of(
                members,
                deleted,
                cache::node,
                round.app.getSpec().getUnreachableStrategy(),
                SpecDefaults.hasClaimSetVolumes(round.app.getSpec()),
                round.now);
    }

    /** Launches wait for the dependencies to be Ready and for the backoff delay to run out. */
    private void holdLaunches(Round round) {
        round.dependenciesNotReady = validator.dependenciesNotReady(round.app);
        round.backoff = new LaunchBackoff(round.app.getSpec().getBackoff());
        LaunchBackoff.State state = backoffs.state(round.appKey);
        round.backoffStatus = LaunchBackoffs.status(round.backoff, state, round.now, round.revision.number());
        round.delay = round.backoff.status(state, round.now, round.revision.number());
        round.backoffUntil = round.delay == null ? null : round.backoff.untilTime(state);
        round.pending = loop.pendingSummary(round.appKey);
    }

    private void plan(Round round) {
        boolean mayLaunch = round.delay == null && round.dependenciesNotReady.isEmpty();
        boolean unplaceable = round.pending
                .map(p -> p.pending() > 0
                        && (!p.reasons().isEmpty() || !p.errors().isEmpty()))
                .orElse(false);
        round.plan = InstancePlan.of(new InstancePlan.Input(
                SpecDefaults.instances(round.app.getSpec()),
                round.revision.hash(),
                RollingUpdatePlanner.Strategy.of(round.app.getSpec()),
                SpecDefaults.killSelection(round.app.getSpec()),
                round.members,
                round.inFlight,
                mayLaunch,
                unplaceable,
                GroupBySpread.values(round.app.getSpec(), round.members, cache::node)));
        if (round.plan.step().outcome() == RollingUpdatePlanner.Outcome.DEADLOCKED) {
            events.record(
                    round.app,
                    AppEvents.WARNING,
                    "UpgradeDeadlock",
                    round.plan.step().message());
        }
    }

    private void finishRestart(Round round) {
        Map<String, String> annotations = round.app.getMetadata().getAnnotations();
        if (annotations != null
                && annotations.containsKey(ApiGroup.ANNOTATION_RESTART)
                && round.plan.step().outcome() == RollingUpdatePlanner.Outcome.COMPLETE) {
            actions.restartDone(round.app);
        }
    }

    /** Nothing in the cluster changes when a backoff runs out or a lost node passes a threshold: look again then. */
    private void requeueForTimers(Round round, ResourceKey key) {
        Duration next = null;
        if (round.backoffUntil != null) {
            next = Duration.between(round.now, round.backoffUntil);
        }
        if (round.refusalRecheck != null) {
            Duration refusal = Duration.between(round.now, round.refusalRecheck);
            next = next == null || refusal.compareTo(next) < 0 ? refusal : next;
        }
        for (Member m : round.members) {
            if (m.node() == null) {
                continue;
            }
            Optional<Duration> untilLoss = AppStatusInputs.untilNextLossThreshold(
                    m, cache.node(m.node()), round.app.getSpec().getUnreachableStrategy(), round.now);
            if (untilLoss.isPresent() && (next == null || untilLoss.get().compareTo(next) < 0)) {
                next = untilLoss.get();
            }
        }
        if (next != null) {
            queue.enqueueAfter(key, next.isNegative() ? Duration.ofMillis(50) : next.plusMillis(50));
        }
    }

    /** A claim in the way of an instance: Ready False with ClaimConflict, and an event. */
    private Optional<SpecProblem> claimConflict(DataCenterApp app, AppClaims.Prepared prepared) {
        if (prepared.conflicts().isEmpty()) {
            return Optional.empty();
        }
        String message = String.join("; ", prepared.conflicts());
        events.record(app, AppEvents.WARNING, ConditionReasons.CLAIM_CONFLICT, message);
        // the claim in the way may be removed without any change to what this app watches
        queue.enqueueAfter(
                ResourceKey.app(
                        app.getMetadata().getNamespace(), app.getMetadata().getName()),
                Duration.ofSeconds(10));
        return Optional.of(new SpecProblem(ConditionReasons.CLAIM_CONFLICT, message));
    }

    private void writeStatus(DataCenterApp app, AppObservation observed) {
        writeStatus(app, observed, null);
    }

    /** @param backoff the launch backoff to record ({@code status.launchBackoff}), null while none counts */
    private void writeStatus(DataCenterApp app, AppObservation observed, LaunchBackoffStatus backoff) {
        DataCenterAppStatus status = aggregator.aggregate(app, observed, Instant.now());
        status.setLaunchBackoff(backoff);
        actions.failure(app).ifPresent(failed -> {
            // this process's newest refusal replaces the one the status showed before
            List<io.fabric8.kubernetes.api.model.Condition> conditions =
                    new java.util.ArrayList<>(status.getConditions());
            conditions.removeIf(c -> ActionFailures.TYPE.equals(c.getType()));
            conditions.add(failed);
            status.setConditions(conditions);
        });
        String ns = app.getMetadata().getNamespace();
        String name = app.getMetadata().getName();
        statusWriter
                .writeIfChanged(app, status, pacing().pacer(EngineInputs.appKey(ns, name), Instant.now()))
                .ifPresent(hold -> queue.enqueueAfter(ResourceKey.app(ns, name), hold));
        instanceMetrics.record(
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                SpecDefaults.pool(app.getSpec()),
                status.getInstances());
    }

    private StatusPacing pacing() {
        StatusPacing p = pacing;
        if (p == null) {
            synchronized (this) {
                if (pacing == null) {
                    pacing = new StatusPacing(statusInterval);
                }
                p = pacing;
            }
        }
        return p;
    }

    private void forget(String appKey) {
        pacing().forget(appKey);
        int slash = appKey.indexOf('/');
        instanceMetrics.forget(appKey.substring(0, slash), appKey.substring(slash + 1));
        loop.forget(appKey);
        expectations.forget(appKey);
        backoffs.forget(appKey);
        refused.forget(appKey);
        services.forget(appKey);
    }
}
