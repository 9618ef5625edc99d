package dev.datacenter.operator.model;

import dev.datacenter.operator.api.DataCenterAppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a rolling deployment, decided from the current state alone (level-based: call it on
 * every reconcile; it never needs to know what it decided before).
 *
 * <p>Bounds, with N = spec.instances: never fewer than {@code minReady = ceil(minimumHealthCapacity
 * × N)} ready instances (a ready instance is stopped only while more than minReady are ready), never
 * more than {@code maxTotal = N + floor(maximumOverCapacity × N)} instances in all, counting pending
 * (not yet placed), starting and terminating ones. Starts are limited by the instances that exist
 * now, stops included, so the total holds even while stopped pods are still terminating.
 *
 * <p>Every instance whose revision is not the current one is old, whatever revision it runs: a spec
 * change during a rollout supersedes it. Old instances that are not ready are always stopped (they
 * carry no capacity); ready old ones are stopped in the order given, as far as minReady allows. New
 * instances are started up to N, as far as maxTotal allows. So (1, 1) starts all new instances beside
 * the old and stops old ones as new ones become ready; (0, 0) stops everything, then starts.
 *
 * <p>DEADLOCKED: old instances remain, nothing may be stopped, nothing may be started, and no new
 * instance is on its way (pending placement or starting): e.g. (1, 0), or new instances the
 * placement engine cannot place anywhere (UNIQUE hostname on a cluster with exactly N nodes) while
 * minReady forbids stopping an old one. The reconciler reports it as {@code Degraded} with the message.
 */
public final class RollingUpdatePlanner {
    private static final double EPSILON = 1e-9;

    /** Where an instance stands. */
    public enum Phase {
        /** Decided, waiting for the placement engine. */
        PENDING,
        /** Waiting for placement, and the newest cycle found no node that accepts it. */
        UNPLACEABLE,
        /** Placed (a pod exists), not ready yet. */
        STARTING,
        READY,
        /** Being stopped (deletionTimestamp set): still holds its place, never counts as ready. */
        TERMINATING
    }

    /** An instance of the app: its id, the revision it runs (e.g. its template hash), its phase. */
    public record Instance(String id, String revision, Phase phase) {}

    /**
     * The upgrade strategy as fractions in [0, 1]; {@code claimSetVolumes} when the over-capacity
     * is 0 because the app mounts claim-set volumes (it only changes the deadlock message).
     */
    public record Strategy(double minimumHealthCapacity, double maximumOverCapacity, boolean claimSetVolumes) {
        /** A strategy of an app without claim-set volumes. */
        public Strategy(double minimumHealthCapacity, double maximumOverCapacity) {
            this(minimumHealthCapacity, maximumOverCapacity, false);
        }

        /**
         * The strategy of {@code spec}, defaults (1, 1) applied; apps with claim-set volumes roll
         * with maximumOverCapacity 0 (an instance's volume serves one instance at a time).
         */
        public static Strategy of(DataCenterAppSpec spec) {
            boolean claims = SpecDefaults.hasClaimSetVolumes(spec);
            double over = claims ? 0 : SpecDefaults.maximumOverCapacity(spec);
            return new Strategy(SpecDefaults.minimumHealthCapacity(spec), over, claims);
        }
    }

    public enum Outcome {
        /** No old or terminating instance left, and N new ones ready. */
        COMPLETE,
        /** Act on the step (it may be empty: waiting for new instances to become ready). */
        IN_PROGRESS,
        /** No progress is possible: report it; the step is empty. */
        DEADLOCKED
    }

    /**
     * The decision: start {@code startNew} instances of the current revision, stop {@code stopOld}
     * (ids), with a one-line message for {@code status.deployment.step} or the Degraded condition.
     */
    public record Step(
            Outcome outcome, int startNew, List<String> stopOld, String message, int minReady, int maxTotal) {}

    private RollingUpdatePlanner() {}

    /** {@code ceil(minimumHealthCapacity × n)}, immune to floating-point noise (0.7 × 10 is 7). */
    public static int minReady(int n, Strategy s) {
        return (int) Math.ceil(s.minimumHealthCapacity() * n - EPSILON);
    }

    /** {@code n + floor(maximumOverCapacity × n)}, immune to floating-point noise. */
    public static int maxTotal(int n, Strategy s) {
        return n + (int) Math.floor(s.maximumOverCapacity() * n + EPSILON);
    }

    /**
     * This step of the rollout to {@code currentRevision} with {@code n} instances.
     *
     * @param instances every instance of the app, pending and terminating ones included; old ones
     *        in the order they should be stopped in (e.g. {@link ScaleDownSelector} order)
     */
    public static Step plan(int n, String currentRevision, Strategy strategy, List<Instance> instances) {
        int minReady = minReady(n, strategy);
        int maxTotal = maxTotal(n, strategy);
        List<Instance> old = new ArrayList<>();
        int fresh = 0;
        int freshReady = 0;
        int ready = 0;
        int terminating = 0;
        boolean freshOnTheWay = false;
        for (Instance i : instances) {
            if (i.phase() == Phase.TERMINATING) {
                terminating++;
                continue;
            }
            ready += i.phase() == Phase.READY ? 1 : 0;
            if (Objects.equals(i.revision(), currentRevision)) {
                fresh++;
                freshReady += i.phase() == Phase.READY ? 1 : 0;
                freshOnTheWay |= i.phase() == Phase.PENDING || i.phase() == Phase.STARTING;
            } else {
                old.add(i);
            }
        }
        int start = Math.max(0, Math.min(n - fresh, maxTotal - instances.size()));
        List<String> stop = stops(old, ready - minReady);
        if (old.isEmpty() && terminating == 0 && freshReady >= n && start == 0) {
            return new Step(
                    Outcome.COMPLETE,
                    0,
                    List.of(),
                    "all " + n + " instances of the current revision are ready",
                    minReady,
                    maxTotal);
        }
        if (!old.isEmpty() && stop.isEmpty() && start == 0 && terminating == 0 && !freshOnTheWay) {
            return new Step(
                    Outcome.DEADLOCKED,
                    0,
                    List.of(),
                    deadlock(n, strategy, minReady, maxTotal, old.size(), fresh - freshReady),
                    minReady,
                    maxTotal);
        }
        String message = String.format(
                Locale.ROOT,
                "%d/%d instances updated, %d ready (at least %d), %d old left;" + " starting %d, stopping %d",
                fresh,
                n,
                freshReady,
                minReady,
                old.size(),
                start,
                stop.size());
        return new Step(Outcome.IN_PROGRESS, start, stop, message, minReady, maxTotal);
    }

    /** Every old instance that is not ready, then ready ones while {@code spareReady} allows. */
    private static List<String> stops(List<Instance> old, int spareReady) {
        List<String> stop = new ArrayList<>();
        old.stream().filter(i -> i.phase() != Phase.READY).forEach(i -> stop.add(i.id()));
        int budget = spareReady;
        for (Instance i : old) {
            if (budget <= 0) {
                break;
            }
            if (i.phase() == Phase.READY) {
                stop.add(i.id());
                budget--;
            }
        }
        return stop;
    }

    private static String deadlock(int n, Strategy s, int minReady, int maxTotal, int oldLeft, int unplaceable) {
        String why;
        String remedy;
        if (unplaceable > 0) {
            why = String.format(Locale.ROOT, "%d new instance(s) cannot be placed on any node", unplaceable);
            remedy = "lower minimumHealthCapacity or add capacity";
        } else if (s.claimSetVolumes()) {
            why = "apps with claim-set volumes roll with no over-capacity (a volume serves one instance at a time)";
            remedy = "lower minimumHealthCapacity below 1 so instances can be replaced one at a time";
        } else {
            why = String.format(
                    Locale.ROOT,
                    "maximumOverCapacity %s allows no more than %d instances in all",
                    s.maximumOverCapacity(),
                    maxTotal);
            remedy = "lower minimumHealthCapacity or raise maximumOverCapacity";
        }
        return String.format(
                Locale.ROOT,
                "upgrade deadlock: %s, and minimumHealthCapacity %s needs %d of %d instances"
                        + " ready, so none of the %d old instance(s) may stop; %s",
                why,
                s.minimumHealthCapacity(),
                minReady,
                n,
                oldLeft,
                remedy);
    }
}
