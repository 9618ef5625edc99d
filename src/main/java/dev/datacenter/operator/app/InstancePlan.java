package dev.datacenter.operator.app;

import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.app.AppInstances.NodeLoss;
import dev.datacenter.operator.model.RollingUpdatePlanner;
import dev.datacenter.operator.model.RollingUpdatePlanner.Instance;
import dev.datacenter.operator.model.RollingUpdatePlanner.Phase;
import dev.datacenter.operator.model.RollingUpdatePlanner.Step;
import dev.datacenter.operator.model.RollingUpdatePlanner.Strategy;
import dev.datacenter.operator.model.ScaleDownSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One level-based step of an app's instances, from what exists now: which pods to delete (scale-down
 * victims, old instances the rollout may stop, instances expunged with their lost node) and which new
 * ordinals need a node. Scale-up, scale-down and rolling deployment are one computation: instances of
 * another template hash are old and the {@link RollingUpdatePlanner} bounds apply to every change.
 * Pure.
 *
 * @param stop        pods to delete, by name, in order
 * @param launch      new instance ordinals to place (the lowest not used by a live pod or a placement
 *                    in flight; empty while launches are held back)
 * @param waiting     the new ordinals the app needs, held back or not
 * @param step        the rollout step, for status and the deadlock report
 */
public record InstancePlan(List<String> stop, Set<Integer> launch, Set<Integer> waiting, Step step) {

    /**
     * What the plan is computed from.
     *
     * @param groupBy member name → the value of the app's GROUP_BY attribute on its node (empty without
     *        GROUP_BY), so that scale-down keeps the spread even
     */
    public record Input(
            int instances,
            String currentHash,
            Strategy strategy,
            KillSelection killSelection,
            List<Member> members,
            Set<Integer> inFlight,
            boolean mayLaunch,
            boolean unplaceable,
            Map<String, String> groupBy) {

        public Input(
                int instances,
                String currentHash,
                Strategy strategy,
                KillSelection killSelection,
                List<Member> members,
                Set<Integer> inFlight,
                boolean mayLaunch,
                boolean unplaceable) {
            this(instances, currentHash, strategy, killSelection, members, inFlight, mayLaunch, unplaceable, Map.of());
        }
    }

    public static InstancePlan of(Input in) {
        List<String> stop = new ArrayList<>();
        Set<Integer> used = new HashSet<>(in.inFlight());
        List<Member> counted = new ArrayList<>();
        for (Member m : in.members()) {
            used.add(m.ordinal());
            if (m.loss() == NodeLoss.EXPUNGE && !m.terminating()) {
                stop.add(m.name());
            } else if (m.counted()) {
                counted.add(m);
            }
        }
        Set<Integer> inFlightOnly = new TreeSet<>(in.inFlight());
        counted.forEach(m -> inFlightOnly.remove(m.ordinal()));
        List<String> victims = scaleDownVictims(in, counted, inFlightOnly.size());
        stop.addAll(victims);

        List<Instance> instances = instances(in, counted, victims, inFlightOnly);
        Step step = RollingUpdatePlanner.plan(in.instances(), in.currentHash(), in.strategy(), instances);
        if (in.mayLaunch()) {
            stop.addAll(step.stopOld()); // while launches are held back, a rollout stops nothing it cannot replace
        }
        Set<Integer> fresh = lowestFree(used, step.startNew());
        if (!fresh.isEmpty() && in.unplaceable()) {
            List<Instance> waiting = new ArrayList<>(instances);
            fresh.forEach(o -> waiting.add(new Instance("new-" + o, in.currentHash(), Phase.UNPLACEABLE)));
            Step blocked = RollingUpdatePlanner.plan(in.instances(), in.currentHash(), in.strategy(), waiting);
            if (blocked.outcome() == RollingUpdatePlanner.Outcome.DEADLOCKED) {
                step = blocked;
            }
        }
        return new InstancePlan(List.copyOf(stop), in.mayLaunch() ? fresh : Set.of(), fresh, step);
    }

    /** Instances of the current revision beyond spec.instances, placements in flight included. */
    private static List<String> scaleDownVictims(Input in, List<Member> counted, int inFlight) {
        List<ScaleDownSelector.Candidate> fresh = new ArrayList<>();
        for (Member m : counted) {
            if (!m.terminating() && in.currentHash().equals(m.hash())) {
                fresh.add(candidate(m, true));
            }
        }
        int surplus = fresh.size() + inFlight - in.instances();
        return surplus <= 0 ? List.of() : ScaleDownSelector.select(fresh, surplus, in.killSelection(), in.groupBy());
    }

    private static List<Instance> instances(
            Input in, List<Member> counted, List<String> victims, Set<Integer> inFlight) {
        List<ScaleDownSelector.Candidate> old = new ArrayList<>();
        Map<String, Instance> byName = new HashMap<>();
        List<Instance> out = new ArrayList<>();
        for (Member m : counted) {
            Instance i = new Instance(m.name(), m.hash(), phase(m, victims.contains(m.name())));
            if (i.phase() != Phase.TERMINATING && !in.currentHash().equals(m.hash())) {
                old.add(candidate(m, false));
                byName.put(m.name(), i);
            } else {
                out.add(i);
            }
        }
        for (String name : ScaleDownSelector.select(old, old.size(), in.killSelection(), in.groupBy())) {
            out.add(byName.get(name));
        }
        inFlight.forEach(o -> out.add(new Instance("placing-" + o, in.currentHash(), Phase.PENDING)));
        return out;
    }

    private static Phase phase(Member m, boolean victim) {
        if (victim || m.terminating()) {
            return Phase.TERMINATING;
        }
        if (m.state().ready()) {
            return Phase.READY;
        }
        return m.state().unschedulable() ? Phase.UNPLACEABLE : Phase.STARTING;
    }

    private static ScaleDownSelector.Candidate candidate(Member m, boolean current) {
        String created = m.pod().getMetadata().getCreationTimestamp();
        Instant at;
        try {
            // creation times have whole seconds: among instances created in the same second, the higher ordinal is
            // younger
            at = created == null ? null : Instant.parse(created).plusNanos(m.ordinal());
        } catch (RuntimeException e) {
            at = null;
        }
        return new ScaleDownSelector.Candidate(
                m.name(), m.state().ready(), m.state().ready() || m.state().healthy(), current, at);
    }

    /** The {@code count} lowest ordinals not in {@code used}. */
    static Set<Integer> lowestFree(Set<Integer> used, int count) {
        Set<Integer> out = new TreeSet<>();
        for (int o = 0; out.size() < count; o++) {
            if (!used.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }
}
